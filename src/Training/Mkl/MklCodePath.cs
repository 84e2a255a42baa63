namespace MetaLoss.Training.Mkl;

/// <summary>The code path (MKL calls it a branch) MKL chooses in this process, asked of MKL itself.</summary>
public static class MklCodePath
{
    private const string AutoBranchFunction = "mkl_serv_cbwr_get_auto_branch";

    /// <summary>MKL's MKL_CBWR_* branch numbers, from mkl_cbwr.h.</summary>
    private static readonly Dictionary<int, string> Branches = new()
    {
        [3] = "COMPATIBLE", [4] = "SSE2", [6] = "SSSE3", [7] = "SSE4_1", [8] = "SSE4_2", [9] = "AVX", [10] = "AVX2",
        [11] = "AVX512_MIC", [12] = "AVX512", [13] = "AVX512_MIC_E1", [14] = "AVX512_E1",
    };

    /// <summary>
    /// The branch's name (AVX2, AVX512, AVX512_E1, ...), or why it cannot be told: libtorch not loaded
    /// yet (call after the first torch call), or a libtorch without MKL (e.g. on ARM).
    /// </summary>
    public static string Describe()
    {
        var torch = NativeLinker.IfLoaded(MklFastPath.TorchCpuLibrary);
        if (torch == IntPtr.Zero) return "unknown (libtorch not loaded yet)";
        try
        {
            var function = NativeLinker.Symbol(torch, AutoBranchFunction);
            if (function == IntPtr.Zero) return "unknown (this libtorch has no MKL)";
            var branch = NativeLinker.CallInt(function);
            return Branches.TryGetValue(branch, out var name) ? name : $"MKL branch {branch}";
        }
        finally
        {
            NativeLinker.Release(torch);
        }
    }
}

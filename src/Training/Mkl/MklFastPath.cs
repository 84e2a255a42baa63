namespace MetaLoss.Training.Mkl;

/// <summary>
/// MKL's fast path on CPUs that are not Intel's. MKL (inside libtorch) asks whether the CPU is Intel's
/// and, if not, takes its AVX2 path even where AVX-512 is available, about half the speed of torch.mm
/// on an AVX-512 AMD EPYC. A tiny library built from Native/mkl_vendor_override.c answers yes; it
/// must be in the global scope before libtorch binds MKL's calls, so <see cref="Ensure"/> runs once,
/// before any torch call (this assembly's module initializer, and the host's first statement).
/// Whether it loads is decided from /proc/cpuinfo and METALOSS_MKL_FAST_PATH (auto, on, off).
/// Never throws: without the library, MKL simply keeps its own choice.
/// </summary>
public static class MklFastPath
{
    public const string OverrideFileName = "libmetaloss_mkl_vendor_override.so";

    /// <summary>libtorch's library that holds MKL (for the CPU and CUDA builds alike).</summary>
    public const string TorchCpuLibrary = "libtorch_cpu.so";

    private const string AnsweredFunction = "metaloss_mkl_vendor_checks_answered";

    private static readonly Lazy<MklFastPathStatus> Applied = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);
    private static IntPtr _override;

    /// <summary>Decides and, where wanted, loads the override; later calls return the first call's status.</summary>
    public static MklFastPathStatus Ensure() => Applied.Value;

    /// <summary>How many times MKL has asked the loaded override whether the CPU is Intel's (0 without it): proof that MKL's calls bind to it.</summary>
    public static long VendorChecksAnswered()
    {
        Ensure();
        if (_override == IntPtr.Zero) return 0;
        var function = NativeLinker.Symbol(_override, AnsweredFunction);
        return function == IntPtr.Zero ? 0 : NativeLinker.CallLong(function);
    }

    /// <summary>Whether the override is mapped into this process, as the kernel sees it (independent of this class's bookkeeping).</summary>
    public static bool OverrideMapped()
    {
        try
        {
            return File.ReadLines("/proc/self/maps").Any(line => line.EndsWith("/" + OverrideFileName, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static MklFastPathStatus Apply()
    {
        var setting = MklFastPathSwitches.Parse(Environment.GetEnvironmentVariable(MklFastPathSwitches.EnvironmentVariable), out var settingError);
        var decision = setting is { } valid
            ? MklFastPathDecision.Decide(valid, CpuFacts.OfThisMachine())
            : new MklFastPathDecision(false, settingError!);
        if (!decision.Load) return new(decision, null, false, null, settingError);
        try
        {
            var torchFirst = TorchAlreadyLoaded();
            var path = Candidates().FirstOrDefault(File.Exists);
            if (path is null)
                return new(decision, null, false, $"{OverrideFileName} is not beside MetaLoss.Training (built without gcc, or not on Linux x64): MKL keeps its own path", null);
            var handle = NativeLinker.LoadGlobal(path, out var error);
            if (handle == IntPtr.Zero) return new(decision, null, false, $"could not load {path}: {error}", null);
            _override = handle;
            return new(decision, path, !torchFirst, torchFirst ? "libtorch was loaded before the override: MKL may not see it" : null, null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new(decision, null, false, $"the dynamic linker is not reachable ({e.Message}): MKL keeps its own path", null);
        }
    }

    private static bool TorchAlreadyLoaded()
    {
        var handle = NativeLinker.IfLoaded(TorchCpuLibrary);
        if (handle == IntPtr.Zero) return false;
        NativeLinker.Release(handle);
        return true;
    }

    /// <summary>
    /// Where builds put it: runtimes/linux-x64/native/ under the program's folder (a project or package
    /// reference) or the folder itself (a publish for linux-x64), beside this assembly or the entry point.
    /// </summary>
    private static IEnumerable<string> Candidates()
    {
        var folders = new[] { Path.GetDirectoryName(typeof(MklFastPath).Assembly.Location), AppContext.BaseDirectory }
            .Where(f => !string.IsNullOrEmpty(f)).Distinct();
        foreach (var folder in folders)
        {
            yield return Path.Combine(folder!, "runtimes", "linux-x64", "native", OverrideFileName);
            yield return Path.Combine(folder!, OverrideFileName);
        }
    }
}

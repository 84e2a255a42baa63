namespace MetaLoss.Training.Mkl;

/// <summary>The CPU's vendor and feature flags as Linux reports them in /proc/cpuinfo (after the kernel's own checks).</summary>
public sealed record CpuFacts(string Vendor, IReadOnlySet<string> Flags)
{
    public const string IntelVendor = "GenuineIntel";

    /// <summary>The instruction sets MKL's AVX-512 path needs (Skylake-SP's set, which every later AVX-512 CPU has).</summary>
    private static readonly string[] Avx512Path = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"];

    public bool IsIntel => Vendor == IntelVendor;

    public bool HasAvx512Path => Avx512Path.All(Flags.Contains);

    /// <summary>This machine's facts, or null where there is no readable /proc/cpuinfo (not Linux, or a restricted sandbox).</summary>
    public static CpuFacts? OfThisMachine()
    {
        try
        {
            return Parse(File.ReadAllText("/proc/cpuinfo"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first processor's vendor_id and flags (every core of one machine reports the same); null when
    /// the text has neither, as on ARM, whose /proc/cpuinfo has no vendor_id line.
    /// </summary>
    public static CpuFacts? Parse(string cpuinfo)
    {
        string? vendor = null;
        string? flags = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "vendor_id") vendor ??= value;
            else if (key == "flags") flags ??= value;
            if (vendor is not null && flags is not null) break;
        }
        if (vendor is null || flags is null) return null;
        return new CpuFacts(vendor, flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
    }
}

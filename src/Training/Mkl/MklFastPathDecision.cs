namespace MetaLoss.Training.Mkl;

/// <summary>Whether to load the MKL vendor-check override, and why, in words a user can act on.</summary>
public sealed record MklFastPathDecision(bool Load, string Reason)
{
    /// <summary>
    /// MKL takes its AVX2 path on every CPU that is not Intel's, so the override only helps a non-Intel
    /// CPU that has AVX-512; on Intel CPUs MKL already picks the best path, and on the others its
    /// AVX2 path is already the widest they have.
    /// </summary>
    public static MklFastPathDecision Decide(MklFastPathSwitch setting, CpuFacts? cpu)
    {
        var variable = MklFastPathSwitches.EnvironmentVariable;
        if (setting == MklFastPathSwitch.Off) return new(false, $"turned off by {variable}=off");
        if (setting == MklFastPathSwitch.On) return new(true, $"forced by {variable}=on");
        if (cpu is null) return new(false, "not an x86 CPU described by /proc/cpuinfo: left to MKL");
        if (cpu.IsIntel) return new(false, $"{cpu.Vendor} CPU: MKL picks its best path on Intel's CPUs itself");
        if (!cpu.HasAvx512Path) return new(false, $"{cpu.Vendor} CPU without AVX-512: MKL's AVX2 path is already its best");
        return new(true, $"{cpu.Vendor} CPU with AVX-512: MKL alone would take its AVX2 path");
    }
}

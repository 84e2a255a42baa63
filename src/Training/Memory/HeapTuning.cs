using System.Runtime.InteropServices;

namespace MetaLoss.Training.Memory;

/// <summary>
/// Sets glibc malloc's thresholds once per process so that an episode's large temporaries (the
/// default group's validation activations are about 10 MB) come from the heap and stay there once
/// freed. By default glibc maps a block on its own while it is larger than any freed before (from 128
/// KB up), and gives the top of its heap back to the kernel once more than twice that is free; an
/// episode's next temporaries may then fault their pages in again, each zeroed by the kernel, and
/// how often depends on what the process happened to free before. With these every process runs its
/// episodes in the same state. Where a block comes from is glibc's business: the arithmetic, and so
/// every result, is the same with or without it.
/// </summary>
public static class HeapTuning
{
    /// <summary>glibc's largest mmap threshold on 64-bit (half its arena heap size): blocks up to this come from the heap.</summary>
    public const int MmapThresholdBytes = 32 << 20;

    /// <summary>Free memory at the top of the heap kept rather than returned, as glibc's dynamic rule would reach at that threshold.</summary>
    public const int TrimThresholdBytes = 64 << 20;

    // glibc's mallopt parameter numbers (malloc.h).
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    private static readonly Lazy<HeapTuningStatus> Applied = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Decides and, where wanted, tunes; later calls return the first call's status.</summary>
    public static HeapTuningStatus Ensure() => Applied.Value;

    private static HeapTuningStatus Apply()
    {
        var decision = HeapTuningDecision.Decide(Environment.GetEnvironmentVariable, OperatingSystem.IsLinux(), out var settingError);
        if (decision is not { Apply: true }) return new(decision, false, null, settingError);
        try
        {
            // mallopt answers 1 when it took the value, 0 when it refused it.
            if (mallopt(MmapThreshold, MmapThresholdBytes) != 1) return new(decision, false, "glibc refused the mmap threshold", null);
            if (mallopt(TrimThreshold, TrimThresholdBytes) != 1) return new(decision, false, "glibc refused the trim threshold", null);
            return new(decision, true, null, null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new(decision, false, $"no glibc mallopt here ({e.Message})", null);
        }
    }

    [DllImport("libc.so.6")]
    private static extern int mallopt(int parameter, int value);
}

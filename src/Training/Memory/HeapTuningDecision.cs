namespace MetaLoss.Training.Memory;

/// <summary>Whether to set glibc malloc's thresholds (<see cref="HeapTuning"/>), and why, in words a user can act on.</summary>
public sealed record HeapTuningDecision(bool Apply, string Reason)
{
    public const string EnvironmentVariable = "METALOSS_HEAP_TUNING";

    /// <summary>glibc's own settings for the same thresholds: a user who set one has chosen, and is left alone.</summary>
    private static readonly string[] GlibcVariables = ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_"];

    /// <summary>
    /// From <see cref="EnvironmentVariable"/> (unset or on: tune; off: do not) and the rest of the
    /// environment; null with <paramref name="error"/> for a value other than on or off.
    /// </summary>
    public static HeapTuningDecision? Decide(Func<string, string?> environment, bool linux, out string? error)
    {
        error = null;
        switch (environment(EnvironmentVariable)?.Trim().ToLowerInvariant())
        {
            case "off": return new(false, $"turned off by {EnvironmentVariable}=off");
            case null or "" or "on": break;
            default:
                error = $"{EnvironmentVariable} must be on or off, got '{environment(EnvironmentVariable)}'";
                return null;
        }
        if (!linux) return new(false, "not Linux: the allocator is left as it is");
        if (GlibcVariables.FirstOrDefault(v => !string.IsNullOrEmpty(environment(v))) is { } set)
            return new(false, $"{set} is set: glibc's thresholds are left as the environment sets them");
        if (environment("GLIBC_TUNABLES") is { } tunables && tunables.Contains("glibc.malloc.", StringComparison.Ordinal))
            return new(false, "GLIBC_TUNABLES sets glibc.malloc: glibc's thresholds are left as the environment sets them");
        return new(true, $"on ({EnvironmentVariable}=on|off)");
    }
}

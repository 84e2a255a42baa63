using System.CommandLine;
using MetaLoss.Training.Mkl;

namespace MetaLoss.Host.Bench;

/// <summary>
/// `metaloss bench --mkl`: auto measures this process as METALOSS_MKL_FAST_PATH set it up; off
/// measures with the fast path off; both (the default) adds the off measurement to this one. Off
/// needs a child process only where this one has the override loaded: it cannot be unloaded.
/// </summary>
public static class MklBenchModes
{
    public enum Mode
    {
        Auto,
        Off,
        Both,
    }

    public static Option<string> CreateOption() => new("--mkl")
    {
        Description = $"MKL's fast path: auto (as {MklFastPathSwitches.EnvironmentVariable} sets it), off, or both (this run, then the ceiling and episodes with it off)",
        DefaultValueFactory = _ => "both",
    };

    public static Mode Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => Mode.Auto,
        "off" => Mode.Off,
        "both" => Mode.Both,
        _ => throw new ArgumentException($"--mkl must be auto, off or both, got '{text}'"),
    };
}

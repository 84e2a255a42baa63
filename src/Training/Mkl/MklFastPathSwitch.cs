namespace MetaLoss.Training.Mkl;

/// <summary>What METALOSS_MKL_FAST_PATH asks for: decide from the CPU (auto), always load the override, or never.</summary>
public enum MklFastPathSwitch
{
    Auto,
    On,
    Off,
}

public static class MklFastPathSwitches
{
    public const string EnvironmentVariable = "METALOSS_MKL_FAST_PATH";

    /// <summary>Unset or empty is auto; anything but auto, on or off is refused (null, with the reason).</summary>
    public static MklFastPathSwitch? Parse(string? value, out string? error)
    {
        error = null;
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto": return MklFastPathSwitch.Auto;
            case "on": return MklFastPathSwitch.On;
            case "off": return MklFastPathSwitch.Off;
            default:
                error = $"{EnvironmentVariable} must be auto, on or off, got '{value}'";
                return null;
        }
    }

    public static string Format(MklFastPathSwitch value) => value.ToString().ToLowerInvariant();
}

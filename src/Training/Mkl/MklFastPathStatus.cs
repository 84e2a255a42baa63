namespace MetaLoss.Training.Mkl;

/// <summary>
/// What <see cref="MklFastPath.Ensure"/> decided and did. <paramref name="OverridePath"/> is set when the
/// override is loaded; <paramref name="Problem"/> says why a wanted override is not (missing file,
/// loader error) or that libtorch was already loaded, so the override may have come too late.
/// <paramref name="SettingError"/> is set when the switch held something other than auto, on or off.
/// </summary>
public sealed record MklFastPathStatus(
    MklFastPathDecision Decision,
    string? OverridePath,
    bool LoadedBeforeLibtorch,
    string? Problem,
    string? SettingError)
{
    public bool OverrideLoaded => OverridePath is not null;
}

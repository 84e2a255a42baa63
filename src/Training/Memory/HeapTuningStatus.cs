namespace MetaLoss.Training.Memory;

/// <summary>
/// What <see cref="HeapTuning.Ensure"/> decided and did: <paramref name="Applied"/> when glibc took both
/// thresholds; <paramref name="Problem"/> says why a wanted tuning is not in place (not glibc, a refusal);
/// <paramref name="SettingError"/> is set when the switch held something other than on or off.
/// </summary>
public sealed record HeapTuningStatus(HeapTuningDecision? Decision, bool Applied, string? Problem, string? SettingError)
{
    public string Describe() => Applied
        ? $"glibc malloc reuses freed blocks up to {HeapTuning.MmapThresholdBytes >> 20} MB (mmap threshold {HeapTuning.MmapThresholdBytes >> 20} MB, " +
          $"trim threshold {HeapTuning.TrimThresholdBytes >> 20} MB); {Decision!.Reason}"
        : $"left as glibc sets it ({SettingError ?? Problem ?? Decision?.Reason}); switch: {HeapTuningDecision.EnvironmentVariable}=on|off";
}

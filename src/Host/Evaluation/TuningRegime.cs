using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// The episodes the baselines are tuned on for a regime they are scored in, shared by `evaluate` and
/// its transfer suite: the test episodes' own regime (classes, steps, sizes, classifier), drawn from
/// the run's meta-training split instead. A baseline tuned in another regime (e.g. ten classes for a
/// K = 3 test) would be handicapped against an MLN scored in the same one.
/// </summary>
public static class TuningRegime
{
    public static EpisodeSpec Of(EpisodeSpec test, DatasetName metaTrainingSplit) =>
        test with { Dataset = metaTrainingSplit, RecordValidationCurve = false };
}

using MetaLoss.Training.Data;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// What the episodes of one batch must share so that their tensors stack: the dataset, every
/// size (training rows, validation rows, classes, hidden layers), the step count, whether the
/// validation curve is recorded and the kind of classifier. Seeds, tasks, losses (each member's
/// own, see <see cref="GroupTrainingLoss"/>) and learning rates may differ.
/// </summary>
public sealed record BatchKey(
    DatasetName Dataset,
    int PerClassTrain,
    int ValidationSize,
    int ClassCount,
    int FirstHidden,
    int SecondHidden,
    int Steps,
    bool RecordValidationCurve,
    ClassifierKind Classifier)
{
    public static BatchKey Of(EpisodeSpec spec, IDatasetSource datasets) =>
        new(spec.Dataset, spec.PerClassTrain, spec.ValidationSize,
            spec.Classes?.Count ?? datasets.Get(spec.Dataset).ClassCount,
            spec.FirstHidden, spec.SecondHidden, spec.Steps, spec.RecordValidationCurve, spec.Classifier);
}

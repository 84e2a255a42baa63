using MetaLoss.Training.Data;
using MetaLoss.Training.Evaluation;

namespace MetaLoss.Training.Baselines;

/// <summary>The chosen setting of each baseline family, and the whole grid it was chosen from.</summary>
public sealed record TunedBaselines(
    DatasetName Dataset,
    int Episodes,
    LossSetting CrossEntropy,
    LossSetting MeanSquaredError,
    LossSetting CrossEntropySchedule,
    IReadOnlyList<TuningRow> Grid);

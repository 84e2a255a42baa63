using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines;

/// <summary>A fixed loss at each constant learning rate of one axis, e.g. CE over --ce-lr.</summary>
public sealed class ConstantRateFamily(string name, string title, LossSpec loss, GridAxis<double> rates) : BaselineFamily
{
    public override string Name { get; } = name;

    public override string Title { get; } = title;

    public LossSpec Loss { get; } = loss;

    public GridAxis<double> Rates { get; } = rates;

    public override IReadOnlyList<GridAxis> Axes => [Rates];

    public override IReadOnlyList<LossSetting> Candidates(BaselineGrid grid) => [.. grid.Values(Rates).Select(lr => new LossSetting(Loss, lr))];

    /// <summary>Says so when tuning chose the run's own lr: the tuned row and the run-lr row are then the same, and one line hides the other in the plots.</summary>
    public override string ContenderName(LossSetting chosen, double runLearningRate) =>
        chosen == new LossSetting(Loss, runLearningRate) ? $"{Loss.Label} (tuned lr = run lr)" : $"{Loss.Label} (tuned lr)";
}

using MetaLoss.Training.Evaluation;

namespace MetaLoss.Training.Baselines;

/// <summary>
/// A kind of tuned baseline: the loss settings it is tuned over (from the axes it reads) and how the
/// report names the one chosen. Tuning picks each family's best grid point on meta-training episodes.
/// A new baseline is a family (usually a <see cref="ConstantRateFamily"/> or
/// <see cref="ScheduledFamily"/>) registered in <see cref="BaselineFamilies.All"/>.
/// </summary>
public abstract class BaselineFamily
{
    /// <summary>A short, stable id, e.g. "ce-schedule": the tuning CSV's family column.</summary>
    public abstract string Name { get; }

    /// <summary>What the tuning table calls it, e.g. "CE, decaying lr".</summary>
    public abstract string Title { get; }

    /// <summary>The grid axes its candidates come from.</summary>
    public abstract IReadOnlyList<GridAxis> Axes { get; }

    /// <summary>Every setting it is tuned over, in grid order (ties go to the earlier).</summary>
    public abstract IReadOnlyList<LossSetting> Candidates(BaselineGrid grid);

    /// <summary>The report's name for its chosen setting, e.g. "CE (tuned schedule)".</summary>
    public abstract string ContenderName(LossSetting chosen, double runLearningRate);

    public override string ToString() => Name;
}

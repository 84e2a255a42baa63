using MetaLoss.Training.Data;

namespace MetaLoss.Training.Tasks;

/// <summary>One source of a task distribution: a meta-training dataset and its whole-number weight.</summary>
public sealed record TaskSource(DatasetName Dataset, int Weight)
{
    public override string ToString() => $"{DatasetNames.Format(Dataset)}:{Weight}";
}

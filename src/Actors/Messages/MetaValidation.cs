using MetaLoss.Training.Data;

namespace MetaLoss.Actors.Messages;

/// <summary>
/// The run's fixed meta-validation set: after each generation its <see cref="TopCandidates"/> best
/// candidates (not scored before) also run these <see cref="Episodes"/> episodes, drawn from
/// <see cref="Dataset"/>, a part of the data meta-training never samples. The best of all candidates
/// so scored is the run's best MLN; one noisy generation cannot replace it.
/// </summary>
public sealed record MetaValidation(DatasetName Dataset, int Episodes, int TopCandidates)
{
    /// <summary>No meta-validation: the run's best MLN is the best parent (runs written before it existed).</summary>
    public static MetaValidation None { get; } = new(DatasetName.FashionMnistMetaValidation, 0, 0);

    public static MetaValidation Default { get; } = new(DatasetName.FashionMnistMetaValidation, 10, 2);

    public bool Enabled => Episodes > 0 && TopCandidates > 0;

    public void Validate()
    {
        if (Episodes < 0) throw new ArgumentException($"meta-validation episodes must not be negative, got {Episodes}");
        if (TopCandidates < 0) throw new ArgumentException($"meta-validation candidates must not be negative, got {TopCandidates}");
    }

    public override string ToString() =>
        Enabled ? $"top {TopCandidates} on {Episodes} episodes of {DatasetNames.Format(Dataset)}" : "off";
}

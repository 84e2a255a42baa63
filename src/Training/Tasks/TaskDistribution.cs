using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Training.Tasks;

/// <summary>
/// What a run's training episodes are drawn from: weighted meta-training sources and, for each part
/// of the inner-loop regime, a range (null: the run's template value). <see cref="Default"/> (no
/// sources, no ranges) is a run before distributions: every episode on the template's dataset and regime.
/// Meta-validation never draws from it: it stays at the template.
/// </summary>
public sealed record TaskDistribution
{
    public static TaskDistribution Default { get; } = new();

    /// <summary>Most steps an episode may draw: ten times the longest horizon anyone measured here; more is a typo.</summary>
    public const int MaxSteps = 1_000;

    /// <summary>The weights' sum stays far below where an int overflows.</summary>
    public const int MaxWeight = 1_000_000;

    /// <summary>Empty: the template's dataset.</summary>
    public IReadOnlyList<TaskSource> Sources { get; init; } = [];

    public WholeRange? Steps { get; init; }
    public WholeRange? PerClassTrain { get; init; }
    public WholeRange? FirstHidden { get; init; }
    public WholeRange? SecondHidden { get; init; }
    public RateRange? LearningRate { get; init; }

    /// <summary>How many of the source's classes an episode uses (a subset drawn per episode); null: all of them.</summary>
    public WholeRange? Classes { get; init; }

    /// <summary>Every meta-training source has FashionMNIST's classes: the most an episode can use.</summary>
    public const int SourceClasses = GeneratedImages.ClassCount;

    public bool IsDefault => Equals(Default);

    /// <summary>
    /// FashionMNIST's meta-training part alone with no ranges is <see cref="Default"/>: such a run is
    /// the run made without a distribution, planned and journaled the same way.
    /// </summary>
    public TaskDistribution Canonical() => Sources is [{ Dataset: DatasetName.FashionMnistMetaTrain }] && !Varies ? Default : this;

    /// <summary>
    /// True when episodes of one generation may differ in dataset or shape: groups are then planned
    /// episode-major so the candidates of one episode index share a batch.
    /// </summary>
    public bool Varies => Sources.Count > 1 || Steps is not null || PerClassTrain is not null
                          || FirstHidden is not null || SecondHidden is not null || LearningRate is not null
                          || Classes is not null;

    /// <summary>The datasets episodes draw from (the template's when no source is named).</summary>
    public IReadOnlyList<DatasetName> Datasets(EpisodeSpec template) =>
        Sources.Count == 0 ? [template.Dataset] : [.. Sources.Select(s => s.Dataset)];

    /// <exception cref="ArgumentException">a source or range no run can use; the message names it</exception>
    public void Validate()
    {
        foreach (var source in Sources)
        {
            if (!DatasetSplits.IsMetaTrainingSource(source.Dataset))
                throw new ArgumentException($"tasks: {DatasetNames.Format(source.Dataset)} is not a meta-training source; use {SourceList}");
            if (source.Weight is < 1 or > MaxWeight)
                throw new ArgumentException($"tasks: the weight of {DatasetNames.Format(source.Dataset)} must be a whole number from 1 to {MaxWeight:N0}, got {source.Weight}");
        }
        var repeated = Sources.GroupBy(s => s.Dataset).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"tasks: {DatasetNames.Format(repeated.Key)} is named more than once");
        Check("steps", Steps, 1, MaxSteps);
        Check("per-class", PerClassTrain, 1, int.MaxValue);
        Check("hidden1", FirstHidden, 1, EpisodeDefaults.MaxHidden);
        Check("hidden2", SecondHidden, 1, EpisodeDefaults.MaxHidden);
        Check("classes", Classes, 2, SourceClasses);
        if (LearningRate is { } rate && !(rate.Min > 0 && double.IsFinite(rate.Max) && rate.Min <= rate.Max))
            throw new ArgumentException($"task learning rates {rate}: need 0 < min <= max, both finite");
    }

    public static string SourceList => string.Join(", ", DatasetSplits.MetaTrainingSources.Select(DatasetNames.Format));

    private static void Check(string name, WholeRange? range, int min, int max)
    {
        if (range is null) return;
        if (range.Min < min || range.Min > range.Max || range.Max > max)
            throw new ArgumentException($"task {name} {range}: need {min} <= min <= max{(max < int.MaxValue ? $" <= {max:N0}" : "")}");
    }

    public bool Equals(TaskDistribution? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>The canonical spelling: what the journal's settings are compared by, and what a refusal names.</summary>
    public override string ToString()
    {
        if (Sources.Count == 0 && !Varies) return "the template's dataset and regime";
        var parts = new List<string> { Sources.Count == 0 ? "template dataset" : string.Join(",", Sources) };
        if (Steps is not null) parts.Add($"steps {Steps}");
        if (PerClassTrain is not null) parts.Add($"per-class {PerClassTrain}");
        if (FirstHidden is not null) parts.Add($"hidden1 {FirstHidden}");
        if (SecondHidden is not null) parts.Add($"hidden2 {SecondHidden}");
        if (LearningRate is not null) parts.Add($"lr {LearningRate}");
        if (Classes is not null) parts.Add($"classes {Classes}");
        return string.Join("; ", parts);
    }
}

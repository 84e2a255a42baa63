using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Tasks;

/// <summary>
/// The regime of one training episode index of one generation: its source (by weight) and each
/// ranged part of the inner loop, drawn from the run seed on a stream of its own. It depends on the
/// generation and the episode index only, never on the candidate, so every candidate of a
/// generation meets the same regime on the same index and fitness compares losses, not luck.
/// </summary>
public static class TaskDraw
{
    /// <summary>The template with this episode's dataset and regime; the template itself for <see cref="TaskDistribution.Default"/>.</summary>
    public static EpisodeSpec Regime(this TaskDistribution tasks, EpisodeSpec template, ulong runSeed, long generation, int episodeIndex)
    {
        if (tasks.IsDefault) return template;
        var random = new DeterministicRandom(SeedDerivation.ForEpisodeRegime(runSeed, generation, episodeIndex));
        var regime = template with
        {
            Dataset = tasks.Sources.Count == 0 ? template.Dataset : Pick(tasks.Sources, random).Dataset,
            Steps = Draw(tasks.Steps, random) ?? template.Steps,
            PerClassTrain = Draw(tasks.PerClassTrain, random) ?? template.PerClassTrain,
            FirstHidden = Draw(tasks.FirstHidden, random) ?? template.FirstHidden,
            SecondHidden = Draw(tasks.SecondHidden, random) ?? template.SecondHidden,
            LearningRate = Draw(tasks.LearningRate, random) ?? template.LearningRate,
        };
        // Drawn last, so the other parts' draws stay what they were before class counts could vary.
        return Draw(tasks.Classes, random) is { } count ? regime with { Classes = Subset(template.Classes, count, random) } : regime;
    }

    /// <summary>
    /// <paramref name="count"/> distinct classes of the template's (all of a source's when it names
    /// none), ascending, as they become labels 0..count-1 in that order; the template's own when the
    /// count takes them all, so such an episode is the template's.
    /// </summary>
    private static IReadOnlyList<int>? Subset(IReadOnlyList<int>? templateClasses, int count, DeterministicRandom random)
    {
        var classes = templateClasses?.ToArray() ?? [.. Enumerable.Range(0, TaskDistribution.SourceClasses)];
        if (count >= classes.Length) return templateClasses;
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt(classes.Length - i);
            (classes[i], classes[j]) = (classes[j], classes[i]);
        }
        return [.. classes.Take(count).Order()];
    }

    private static TaskSource Pick(IReadOnlyList<TaskSource> sources, DeterministicRandom random)
    {
        var ticket = random.NextInt(sources.Sum(s => s.Weight));
        foreach (var source in sources)
        {
            if (ticket < source.Weight) return source;
            ticket -= source.Weight;
        }
        throw new InvalidOperationException("a ticket below the weights' sum always finds its source");
    }

    private static int? Draw(WholeRange? range, DeterministicRandom random) =>
        range is null ? null : range.Min + random.NextInt(range.Max - range.Min + 1);

    private static double? Draw(RateRange? range, DeterministicRandom random) =>
        range is null ? null : range.Min * Math.Pow(range.Max / range.Min, random.NextDouble());
}

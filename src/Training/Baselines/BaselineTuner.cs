using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Statistics;

namespace MetaLoss.Training.Baselines;

/// <summary>
/// Tunes the baselines as hard as evolution tunes the MLN, and on the same footing: a grid search on
/// meta-training episodes only (a training split, tuning seeds of their own), never on the meta-test
/// episodes the comparison is scored on. Every grid point sees the same episodes; the best mean
/// accuracy wins, ties going to the earlier grid point.
/// </summary>
public sealed class BaselineTuner(IDatasetSource datasets)
{
    private readonly BatchedEpisodeRunner _runner = new(datasets);

    /// <summary>How many episodes <see cref="Tune"/> runs, for a progress bar.</summary>
    public static int EpisodeCount(BaselineGrid grid, int episodes) => grid.Candidates().Count * episodes;

    /// <summary>
    /// Every family of <paramref name="grid"/> tuned on <paramref name="episodes"/> episodes of
    /// <paramref name="template"/> (a training split; its loss, lr and schedule are the grid's),
    /// seeded from <paramref name="suiteSeed"/>; throws ArgumentException for a test split or an
    /// unusable grid before any episode runs.
    /// </summary>
    public TunedBaselines Tune(EpisodeSpec template, BaselineGrid grid, int episodes, ulong suiteSeed, int threads,
        Action<int>? completed = null, CancellationToken cancellation = default)
    {
        if (!DatasetSplits.IsTrainingSplit(template.Dataset))
            throw new ArgumentException($"baselines are tuned on meta-training episodes only; {DatasetNames.Format(template.Dataset)} is a held-out test split");
        if (episodes <= 0) throw new ArgumentException($"tuning needs a positive number of episodes, got {episodes}");
        var candidates = grid.Candidates();
        var seeds = Enumerable.Range(0, episodes).Select(i => SeedDerivation.ForTuningEpisode(suiteSeed, i)).ToList();
        var regime = template with { RecordValidationCurve = false };
        var results = PairedSuite.Run(_runner, regime,
            candidates.Select(c => c.Setting).ToList(), seeds, threads, completed, cancellation);
        var rows = candidates
            .Select((c, i) => new TuningRow(c.Family, c.Setting, SampleSummary.Of(results[i].Select(r => r.Fitness).ToList())))
            .ToList();
        return new TunedBaselines(regime, episodes, [.. grid.Families.Select(f => new ChosenBaseline(f, Best(rows, f)))], rows);
    }

    // MaxBy keeps the first of equal maxima, so ties go to the earlier grid point.
    private static LossSetting Best(IEnumerable<TuningRow> rows, BaselineFamily family) =>
        rows.Where(r => r.Family == family).MaxBy(r => r.Accuracy.Mean)!.Setting;
}

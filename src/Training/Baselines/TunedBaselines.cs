using MetaLoss.Training.Baselines.Families;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;

namespace MetaLoss.Training.Baselines;

/// <summary>The chosen setting of each baseline family (in the grid's family order), and the whole grid it was chosen from.</summary>
/// <param name="Regime">The episodes tuned on (their loss, lr and schedule were the grid's), so a report can say which classes and steps.</param>
public sealed record TunedBaselines(
    EpisodeSpec Regime,
    int Episodes,
    IReadOnlyList<ChosenBaseline> Chosen,
    IReadOnlyList<TuningRow> Grid)
{
    public DatasetName Dataset => Regime.Dataset;

    /// <summary>The setting tuning chose for <paramref name="family"/>.</summary>
    public LossSetting Of(BaselineFamily family) =>
        Chosen.FirstOrDefault(c => c.Family == family)?.Setting ?? throw new ArgumentException($"no {family.Name} baseline was tuned");

    /// <summary>CE's tuned schedule: the reference the MLN's gradient is drawn against.</summary>
    public LossSetting CrossEntropySchedule => Of(CrossEntropyScheduleBaseline.Family);

    public bool IsChosen(TuningRow row) => Of(row.Family) == row.Setting;

    /// <summary>e.g. "CE lr 0.2; CE lr 0.5, cosine decay to 0.25x; ...".</summary>
    public string Summary => string.Join("; ", Chosen.Select(c => c.Setting));
}

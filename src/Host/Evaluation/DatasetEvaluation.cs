using MetaLoss.Training.Data;
using MetaLoss.Training.Probes;
using MetaLoss.Host.Statistics;
using MetaLoss.Training.Statistics;

namespace MetaLoss.Host.Evaluation;

/// <summary>Every contender on one dataset's paired episodes, and the MLN's gradient probes on the same episodes.</summary>
public sealed record DatasetEvaluation(
    DatasetName Dataset,
    IReadOnlyList<ContenderScores> Baselines,
    ContenderScores Mln,
    IReadOnlyList<GradientProbeResult> Probes)
{
    public string Name => DatasetNames.Format(Dataset);

    public IEnumerable<ContenderScores> All => Baselines.Append(Mln);

    /// <summary>MLN minus the baseline, episode by episode.</summary>
    public PairedComparison MlnVersus(ContenderScores baseline) => PairedComparison.Of(Mln.Fitness, baseline.Fitness);

    public CurveBand NormRatio => CurveBand.Of(Probes.Select(p => (IReadOnlyList<double>)p.NormRatio).ToList());

    public CurveBand Cosine => CurveBand.Of(Probes.Select(p => (IReadOnlyList<double>)p.Cosine).ToList());
}

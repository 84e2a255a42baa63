using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Statistics;

namespace MetaLoss.Host.Evaluation;

/// <summary>One contender's episodes on one dataset.</summary>
public sealed record ContenderScores(Contender Contender, EpisodeResult[] Results)
{
    public IReadOnlyList<double> Fitness => [.. Results.Select(r => r.Fitness)];

    public SampleSummary Accuracy => SampleSummary.Of(Fitness.ToList());

    public int Flagged => Results.Count(r => r.Flagged);

    public CurveBand TrainLoss => CurveBand.Of(Results.Select(r => r.TrainLoss));

    /// <summary>Each episode's training loss minus its step-1 value: comparable across losses with different offsets.</summary>
    public CurveBand TrainLossChange => CurveBand.Of(Results.Select(r => r.TrainLoss.Select(x => x - r.TrainLoss[0]).ToArray()));

    public CurveBand TrainAccuracy => CurveBand.Of(Results.Select(r => r.TrainAccuracy));

    public CurveBand ValidationAccuracy => CurveBand.Of(Results.Select(r => r.ValidationAccuracy));
}

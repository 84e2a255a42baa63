using MetaLoss.Host.Plots;

namespace MetaLoss.Host.Evaluation;

/// <summary>Draws an evaluation's PNGs into the run directory: Figure 4 per dataset, the gradient probe, the run's fitness.</summary>
public static class EvaluationFigures
{
    public static IReadOnlyList<string> Save(EvaluationResult result)
    {
        var directory = result.Run.Directory.Path;
        var written = new List<string>();
        foreach (var dataset in result.Datasets)
        {
            var path = Path.Combine(directory, EvaluationFiles.LearningCurvesFigure(dataset.Dataset));
            LearningCurvesFigure.Save(path, dataset.Name, [.. dataset.All.Select(s =>
                new LearningCurvesFigure.Series(s.Contender.Name, s.TrainLossChange, s.TrainAccuracy, s.ValidationAccuracy, s == dataset.Mln))]);
            written.Add(path);
        }

        var gradient = Path.Combine(directory, EvaluationFiles.GradientFigure);
        GradientFigure.Save(gradient, [.. result.Datasets.Select(d => new GradientFigure.Series(d.Name, d.NormRatio, d.Cosine))],
            $"CE tuned schedule: its lr / run's lr ({result.Tuned.CrossEntropySchedule})", result.TunedScheduleRatio);
        written.Add(gradient);

        if (result.Run.History.Count > 0)
        {
            var fitness = Path.Combine(directory, EvaluationFiles.FitnessFigure);
            FitnessFigure.Save(fitness, result.Run.History);
            written.Add(fitness);
        }
        return written;
    }
}

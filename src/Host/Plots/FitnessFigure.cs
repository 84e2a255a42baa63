using MetaLoss.Actors.Messages;
using ScottPlot;

namespace MetaLoss.Host.Plots;

/// <summary>
/// A run's progress: the best and the mean candidate fitness of every generation and, with
/// meta-validation, the best score on the fixed held-out set so far (what picks the run's MLN).
/// </summary>
public static class FitnessFigure
{
    public static void Save(string path, IReadOnlyList<GenerationSummary> history)
    {
        var plot = PlotStyle.NewPlot("Evolution: fitness per generation", "generation",
            "fitness (validation accuracy on meta-training episodes)");
        var generations = history.Select(g => (double)(g.Generation + 1)).ToArray();
        PlotStyle.AddLine(plot, generations, [.. history.Select(g => g.BestFitness)], "best candidate", PlotStyle.SeriesColor(0));
        PlotStyle.AddLine(plot, generations, [.. history.Select(g => g.MeanFitness)], "mean of candidates", PlotStyle.SeriesColor(1));
        var validated = history.Where(g => g.BestValidationScore is not null).ToList();
        if (validated.Count > 0)
            PlotStyle.AddLine(plot, [.. validated.Select(g => (double)(g.Generation + 1))],
                [.. validated.Select(g => g.BestValidationScore!.Value)], "best on meta-validation set (so far)", PlotStyle.SeriesColor(2));
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 560);
    }
}

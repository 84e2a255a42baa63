using MetaLoss.Training.Statistics;
using ScottPlot;

namespace MetaLoss.Host.Plots;

/// <summary>The paper's Figure 4 for one dataset: training loss, training accuracy and validation accuracy against the inner step.</summary>
public static class LearningCurvesFigure
{
    /// <summary>
    /// One loss's curves over the evaluation episodes. The training loss is its change since step 1:
    /// a learned loss may carry any constant offset, which would flatten every other curve on a shared axis.
    /// </summary>
    public sealed record Series(string Label, CurveBand TrainLossChange, CurveBand TrainAccuracy, CurveBand ValidationAccuracy, bool Highlight);

    public static void Save(string path, string dataset, IReadOnlyList<Series> series)
    {
        var panels = new[]
        {
            PlotStyle.NewPlot($"{dataset}: training loss ({Episodes(series, s => s.TrainLossChange)})", "inner SGD step", "training loss minus its step-1 value (own units)"),
            PlotStyle.NewPlot($"{dataset}: training accuracy ({Episodes(series, s => s.TrainAccuracy)})", "inner SGD step", "training accuracy"),
            PlotStyle.NewPlot($"{dataset}: validation accuracy ({Episodes(series, s => s.ValidationAccuracy)})", "inner SGD step", "validation accuracy"),
        };
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = PlotStyle.SeriesColor(i);
            var width = s.Highlight ? 3.5f : 2f;
            PlotStyle.AddBand(panels[0], PlotStyle.Steps(s.TrainLossChange.Steps), s.TrainLossChange, s.Label, color, width);
            PlotStyle.AddBand(panels[1], PlotStyle.Steps(s.TrainAccuracy.Steps), s.TrainAccuracy, s.Label, color, width);
            PlotStyle.AddBand(panels[2], PlotStyle.Steps(s.ValidationAccuracy.Steps), s.ValidationAccuracy, s.Label, color, width);
        }
        // One legend, beside the last panel: every panel has the same series in the same colours.
        panels[0].HideLegend();
        panels[1].HideLegend();
        panels[2].ShowLegend(Edge.Right);

        var multiplot = new Multiplot();
        // A new Multiplot holds one empty plot: the first panel replaces it.
        multiplot.Reset(panels[0]);
        foreach (var panel in panels.Skip(1)) multiplot.AddPlot(panel);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, 2000, 560);
    }

    /// <summary>How many episodes a panel's first step averages: its validation curves may come from fewer episodes than its training curves.</summary>
    private static string Episodes(IReadOnlyList<Series> series, Func<Series, CurveBand> curve)
    {
        var count = series.Max(s => curve(s).Steps > 0 ? curve(s).Count[0] : 0);
        return count == 1 ? "1 episode" : $"{count} episodes";
    }
}

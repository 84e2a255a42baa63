using MetaLoss.Host.Calibration;
using MetaLoss.Host.Statistics;
using ScottPlot;

namespace MetaLoss.Host.Plots;

/// <summary>
/// Accuracy against learning rate, one line per loss with its 95% CI: where each loss peaks, and
/// where training starts to diverge (a drop with a wide band), which the table's rows hide.
/// </summary>
public static class CalibrationFigure
{
    public static void Save(string path, string title, IReadOnlyList<CalibrationRow> rows)
    {
        var plot = PlotStyle.NewPlot(title, "learning rate", "validation accuracy (mean, 95% CI)");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic();
        var losses = rows.Select(r => r.Loss.Label).Distinct().ToList();
        for (var i = 0; i < losses.Count; i++)
        {
            var series = rows.Where(r => r.Loss.Label == losses[i]).OrderBy(r => r.LearningRate).ToList();
            var mean = series.Select(r => r.Accuracy.Mean).ToArray();
            // One episode has no interval: its band collapses to the mean.
            var half = series.Select(r => double.IsFinite(r.Accuracy.ConfidenceHalfWidth95) ? r.Accuracy.ConfidenceHalfWidth95 : 0).ToArray();
            PlotStyle.AddInterval(plot, [.. series.Select(r => r.LearningRate)], mean, [.. mean.Select((m, j) => m - half[j])],
                [.. mean.Select((m, j) => m + half[j])], losses[i], PlotStyle.SeriesColor(i));
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 560);
    }
}

using ScottPlot;
using PlotStyle = MetaLoss.Host.Plots.PlotStyle;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// The scoreboard at a glance: per setting, MLN minus the best baseline with its paired 95% CI, and
/// the zero line; a bar that stays clear of zero is a result, one across it is a tie.
/// </summary>
public static class TransferFigure
{
    public static string Save(string path, TransferResult result)
    {
        var rows = result.Rows;
        var plot = PlotStyle.NewPlot($"MLN minus the best baseline ({result.Episodes} paired test episodes per setting)", "",
            "accuracy difference (95% CI)");
        var xs = rows.Select((_, i) => (double)i).ToArray();
        var means = rows.Select(r => r.Comparison.MeanDifference).ToArray();
        // A single episode has no interval (NaN): draw its point alone.
        var halfWidths = rows.Select(r => double.IsFinite(r.Comparison.ConfidenceHigh) ? r.Comparison.ConfidenceHigh - r.Comparison.MeanDifference : 0).ToArray();
        var line = plot.Add.HorizontalLine(0);
        line.Color = Colors.Gray;
        line.LinePattern = LinePattern.Dashed;
        var bars = plot.Add.ErrorBar(xs, means, halfWidths);
        bars.Color = PlotStyle.SeriesColor(0);
        bars.LineWidth = 2;
        var points = plot.Add.Markers(xs, means);
        points.Color = PlotStyle.SeriesColor(0);
        points.MarkerSize = 9;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, [.. rows.Select(r => r.Setting.Name)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperLeft;
        plot.Axes.Bottom.MinimumSize = 220;
        plot.Axes.SetLimitsX(-0.6, rows.Count - 0.4);
        plot.SavePng(path, 1100, 700);
        return path;
    }
}

using MetaLoss.Training.Statistics;
using ScottPlot;

namespace MetaLoss.Host.Plots;

/// <summary>What every figure shares: a font that is installed (DejaVu), one colour per series, mean lines with a +/- 1 std band.</summary>
public static class PlotStyle
{
    public const string FontName = "DejaVu Sans";

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public static Color SeriesColor(int index) => Palette.GetColor(index);

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 16);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        // Steps and generations are whole numbers: no ticks between them.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }

    /// <summary>The band's mean as a line with markers, and mean +/- 1 std as a translucent fill of the same colour.</summary>
    public static void AddBand(Plot plot, double[] xs, CurveBand band, string label, Color color, float lineWidth = 2)
    {
        var steps = Math.Min(xs.Length, band.Steps);
        var x = xs[..steps];
        var mean = band.Mean[..steps];
        var lower = mean.Select((m, i) => m - Spread(band, i)).ToArray();
        var upper = mean.Select((m, i) => m + Spread(band, i)).ToArray();
        AddInterval(plot, x, mean, lower, upper, label, color, lineWidth);
    }

    /// <summary>The mean as a line with markers, and the interval around it as a translucent fill of the same colour.</summary>
    public static void AddInterval(Plot plot, double[] xs, double[] mean, double[] lower, double[] upper, string label, Color color,
        float lineWidth = 2)
    {
        var fill = plot.Add.FillY(xs, lower, upper);
        fill.FillColor = color.WithAlpha(0.18);
        fill.LineWidth = 0;
        AddLine(plot, xs, mean, label, color, lineWidth: lineWidth);
    }

    public static void AddLine(Plot plot, double[] xs, double[] ys, string label, Color color, LinePattern? pattern = null,
        bool markers = true, float lineWidth = 2)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = lineWidth;
        line.MarkerSize = markers && xs.Length <= 40 ? 4 : 0;
        line.LinePattern = pattern ?? LinePattern.Solid;
    }

    /// <summary>A single-episode step has no spread (NaN std): its band collapses to the mean.</summary>
    private static double Spread(CurveBand band, int step) =>
        double.IsFinite(band.StandardDeviation[step]) ? band.StandardDeviation[step] : 0;

    /// <summary>1-based steps, as a reader counts them.</summary>
    public static double[] Steps(int count) => [.. Enumerable.Range(1, count).Select(s => (double)s)];
}

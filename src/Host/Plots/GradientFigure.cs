using MetaLoss.Training.Statistics;
using ScottPlot;

namespace MetaLoss.Host.Plots;

/// <summary>
/// "What did the MLN learn?": per inner step, the norm of its logit gradient relative to CE's at
/// the same classifier state (an effective step-size multiplier) and the cosine between the two
/// (1: same direction). A tuned schedule's learning rate relative to the run's is drawn beside the
/// ratio, so a reader sees at once whether the MLN is "just a schedule".
/// </summary>
public static class GradientFigure
{
    public sealed record Series(string Label, CurveBand NormRatio, CurveBand Cosine);

    public static void Save(string path, IReadOnlyList<Series> series, string referenceLabel, double[] referenceRatio)
    {
        var ratio = PlotStyle.NewPlot("MLN gradient size relative to CE", "inner SGD step", "||dL/dlogits|| MLN / CE");
        var cosine = PlotStyle.NewPlot("MLN gradient direction relative to CE", "inner SGD step", "cosine(dL/dlogits MLN, CE)");
        for (var i = 0; i < series.Count; i++)
        {
            var color = PlotStyle.SeriesColor(i);
            PlotStyle.AddBand(ratio, PlotStyle.Steps(series[i].NormRatio.Steps), series[i].NormRatio, $"MLN on {series[i].Label}", color);
            PlotStyle.AddBand(cosine, PlotStyle.Steps(series[i].Cosine.Steps), series[i].Cosine, $"MLN on {series[i].Label}", color);
        }
        var steps = PlotStyle.Steps(referenceRatio.Length);
        PlotStyle.AddLine(ratio, steps, [.. steps.Select(_ => 1.0)], "CE at the run's lr", Colors.Gray, LinePattern.Dashed, markers: false);
        PlotStyle.AddLine(ratio, steps, referenceRatio, referenceLabel, Colors.Black, LinePattern.Dotted, markers: false);
        ratio.ShowLegend(Alignment.UpperRight);
        cosine.ShowLegend(Alignment.LowerRight);

        var multiplot = new Multiplot();
        // A new Multiplot holds one empty plot: the first panel replaces it.
        multiplot.Reset(ratio);
        multiplot.AddPlot(cosine);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, 1400, 560);
    }
}

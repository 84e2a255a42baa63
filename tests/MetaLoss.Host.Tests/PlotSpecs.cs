using MetaLoss.Actors.Messages;
using MetaLoss.Host.Plots;
using MetaLoss.Training.Statistics;

namespace MetaLoss.Host.Tests;

public class PlotSpecs
{
    private static CurveBand Band(Func<int, double> mean, int episodes = 5, int steps = 20) =>
        CurveBand.Of(Enumerable.Range(0, episodes)
            .Select(e => (IReadOnlyList<double>)Enumerable.Range(0, steps).Select(s => mean(s) + 0.01 * e).ToArray()).ToList());

    private static string TempPng() => Path.Combine(Path.GetTempPath(), $"metaloss-plot-{Guid.NewGuid():N}.png");

    [Fact]
    public void Should_draw_figure_4_with_three_panels_as_a_png()
    {
        var path = TempPng();
        var series = new[] { "CE (run lr)", "MSE (run lr)", "MLN (run lr)" }.Select((name, i) => new LearningCurvesFigure.Series(name,
            Band(s => -0.1 * s * (i + 1)), Band(s => 0.1 + 0.03 * s), Band(s => 0.1 + 0.025 * s), Highlight: i == 2)).ToList();

        LearningCurvesFigure.Save(path, "fashion-mnist-test", series);

        PngFile.AssertValid(path, 2000, 560);
        File.Delete(path);
    }

    [Fact]
    public void Should_draw_curves_of_episodes_that_stopped_early()
    {
        // A flagged episode's curves end at its last finite step; one-episode steps have no spread.
        var ragged = CurveBand.Of(new[] { new[] { 1f, 0.8f, 0.6f }, new[] { 1.1f } });
        var path = TempPng();

        LearningCurvesFigure.Save(path, "cifar10-test", [new LearningCurvesFigure.Series("MLN", ragged, ragged, ragged, Highlight: true)]);

        PngFile.AssertValid(path, 2000, 560);
        File.Delete(path);
    }

    [Fact]
    public void Should_draw_fitness_per_generation()
    {
        var path = TempPng();
        FitnessFigure.Save(path, Enumerable.Range(0, 12).Select(g => new GenerationSummary(g, 0.5 + 0.01 * g, 0.4 + 0.01 * g, 0)).ToList());
        PngFile.AssertValid(path, 900, 560);
        File.Delete(path);
    }

    [Fact]
    public void Should_draw_the_gradient_against_ce_with_the_schedule_reference()
    {
        var path = TempPng();
        GradientFigure.Save(path, [new GradientFigure.Series("fashion-mnist-test", Band(s => 1.8 - 0.04 * s), Band(_ => 0.99))],
            "CE tuned schedule", [.. Enumerable.Range(0, 20).Select(s => 2.0 - 0.05 * s)]);
        PngFile.AssertValid(path, 1400, 560);
        File.Delete(path);
    }
}

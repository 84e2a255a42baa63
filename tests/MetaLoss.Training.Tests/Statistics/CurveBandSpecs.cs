using MetaLoss.Training.Statistics;

namespace MetaLoss.Training.Tests.Statistics;

public class CurveBandSpecs
{
    [Fact]
    public void Should_give_the_mean_and_sample_std_of_every_step()
    {
        var band = CurveBand.Of(new[] { new[] { 1f, 2f, 4f }, new[] { 3f, 4f, 6f } });
        Assert.Equal([2.0, 3.0, 5.0], band.Mean);
        // Two values a distance 2 apart: sample variance (1 + 1) / 1 = 2.
        Assert.All(band.StandardDeviation, std => Assert.Equal(Math.Sqrt(2), std, 12));
        Assert.Equal([2, 2, 2], band.Count);
    }

    [Fact]
    public void Should_average_each_step_over_the_curves_that_reached_it()
    {
        // An episode whose loss went non-finite stops early; later steps average the others only.
        var band = CurveBand.Of(new[] { new[] { 1f, 2f, 3f }, new[] { 5f }, new[] { 3f, 4f } });
        Assert.Equal(3, band.Steps);
        Assert.Equal([3.0, 3.0, 3.0], band.Mean);
        Assert.Equal([3, 2, 1], band.Count);
        Assert.Equal(0, band.StandardDeviation[2]);
    }

    [Fact]
    public void Should_be_empty_without_curves()
    {
        Assert.Equal(0, CurveBand.Of(Array.Empty<float[]>()).Steps);
    }
}

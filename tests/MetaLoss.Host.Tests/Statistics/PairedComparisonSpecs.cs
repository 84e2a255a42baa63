using MetaLoss.Host.Statistics;

namespace MetaLoss.Host.Tests.Statistics;

public class PairedComparisonSpecs
{
    [Fact]
    public void Should_match_a_hand_computed_paired_t_test()
    {
        // Differences 0.05, 0.02, 0.01, 0.05, 0.03: mean 0.032; squared deviations sum to 0.00128, so the
        // variance is 0.00032 (std 0.0178885) and the standard error sqrt(0.00032 / 5) = 0.008; t = 4 with
        // df = 4; half-width 2.776445 * 0.008 = 0.0222116; two-sided p = 1 - 2.2/sqrt(5) = 0.0161300.
        double[] mln = [0.60, 0.62, 0.58, 0.65, 0.61];
        double[] baseline = [0.55, 0.60, 0.57, 0.60, 0.58];

        var c = PairedComparison.Of(mln, baseline);

        Assert.Equal(5, c.Count);
        Assert.Equal(0.032, c.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(0.00032), c.StandardDeviation, 12);
        Assert.Equal(4.0, c.T, 9);
        Assert.Equal(0.032 - 0.0222116, c.ConfidenceLow, 6);
        Assert.Equal(0.032 + 0.0222116, c.ConfidenceHigh, 6);
        Assert.Equal(1 - 2.2 / Math.Sqrt(5), c.PValue, 9);
        Assert.Equal((5, 0, 0), (c.Wins, c.Ties, c.Losses));
    }

    [Fact]
    public void Should_count_wins_ties_and_losses_from_the_first_sides_view()
    {
        var c = PairedComparison.Of([0.5, 0.4, 0.3, 0.3], [0.4, 0.4, 0.5, 0.1]);
        Assert.Equal((2, 1, 1), (c.Wins, c.Ties, c.Losses));
        Assert.Equal((0.1 + 0 - 0.2 + 0.2) / 4, c.MeanDifference, 12);
    }

    [Fact]
    public void Should_turn_a_negative_mean_difference_into_a_negative_t_with_the_same_p()
    {
        double[] a = [0.60, 0.62, 0.58, 0.65, 0.61];
        double[] b = [0.55, 0.60, 0.57, 0.60, 0.58];
        var forward = PairedComparison.Of(a, b);
        var backward = PairedComparison.Of(b, a);
        Assert.Equal(-forward.T, backward.T, 12);
        Assert.Equal(forward.PValue, backward.PValue, 12);
        Assert.Equal(-forward.ConfidenceHigh, backward.ConfidenceLow, 12);
    }

    [Fact]
    public void Should_give_t_zero_and_p_one_for_identical_scores()
    {
        var c = PairedComparison.Of([0.5, 0.6, 0.7], [0.5, 0.6, 0.7]);
        Assert.Equal(0, c.T);
        Assert.Equal(1, c.PValue);
        Assert.Equal(3, c.Ties);
    }

    [Fact]
    public void Should_give_an_infinite_t_and_p_zero_for_a_constant_nonzero_difference()
    {
        var c = PairedComparison.Of([0.5, 0.75, 1.0], [0.25, 0.5, 0.75]);
        Assert.Equal(double.PositiveInfinity, c.T);
        Assert.Equal(0, c.PValue);
        Assert.Equal(0.25, c.ConfidenceLow, 12);
    }

    [Fact]
    public void Should_leave_the_test_undefined_for_a_single_pair()
    {
        var c = PairedComparison.Of([0.7], [0.5]);
        Assert.Equal(0.2, c.MeanDifference, 12);
        Assert.True(double.IsNaN(c.T));
        Assert.True(double.IsNaN(c.PValue));
        Assert.Equal(1, c.Wins);
    }

    [Fact]
    public void Should_refuse_unpaired_samples()
    {
        Assert.Throws<ArgumentException>(() => PairedComparison.Of([0.1, 0.2], [0.1]));
        Assert.Throws<ArgumentException>(() => PairedComparison.Of([], []));
    }
}

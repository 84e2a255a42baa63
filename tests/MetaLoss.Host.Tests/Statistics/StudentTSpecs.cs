using MetaLoss.Host.Statistics;

namespace MetaLoss.Host.Tests.Statistics;

public class StudentTSpecs
{
    [Theory]
    // Printed t tables: t(0.975; 1) = 12.706, t(0.975; 4) = 2.776, t(0.975; 9) = 2.262, t(0.975; 99) = 1.984.
    [InlineData(1, 12.706)]
    [InlineData(4, 2.776)]
    [InlineData(9, 2.262)]
    [InlineData(99, 1.984)]
    public void Should_match_the_printed_table_of_the_975_quantile(int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile975(degreesOfFreedom), 3);
    }

    [Fact]
    public void Should_match_the_closed_forms_of_the_975_quantile_to_1e_9()
    {
        // df = 1 (Cauchy): tan(0.475 pi); df = 2: (2p - 1) / sqrt(2p(1 - p)).
        Assert.Equal(Math.Tan(0.475 * Math.PI), StudentT.Quantile975(1), 1e-9);
        Assert.Equal(0.95 / Math.Sqrt(2 * 0.975 * 0.025), StudentT.Quantile975(2), 1e-9);
    }

    [Fact]
    public void Should_refuse_zero_degrees_of_freedom()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile975(0));
    }

    [Fact]
    public void Should_give_a_two_sided_p_value_of_one_at_zero_and_the_closed_form_for_df_4()
    {
        Assert.Equal(1, StudentT.TwoSidedPValue(0, 5), 12);
        // df = 4: P(|T| < t) = sin(theta) (1 + cos^2(theta) / 2), theta = atan(t / 2); t = 4 gives 1 - 2.2/sqrt(5).
        Assert.Equal(1 - 2.2 / Math.Sqrt(5), StudentT.TwoSidedPValue(4, 4), 10);
        Assert.Equal(StudentT.TwoSidedPValue(4, 4), StudentT.TwoSidedPValue(-4, 4), 15);
        // df = 1: P(|T| > 1) = 1/2.
        Assert.Equal(0.5, StudentT.TwoSidedPValue(1, 1), 12);
    }

    [Fact]
    public void Should_keep_tiny_p_values_instead_of_rounding_them_to_zero()
    {
        // Issue 7's prototype reached t = 19 over 100 paired episodes; 1 - Cdf would round its p to 0.
        var p = StudentT.TwoSidedPValue(19, 99);
        Assert.InRange(p, 1e-40, 1e-30);
    }
}

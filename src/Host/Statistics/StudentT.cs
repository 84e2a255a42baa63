using Distribution = MathNet.Numerics.Distributions.StudentT;

namespace MetaLoss.Host.Statistics;

/// <summary>The two pieces of Student's t distribution that the reports need, from MathNet.Numerics.</summary>
public static class StudentT
{
    /// <summary>The 0.975 quantile for the given degrees of freedom (two-sided 95%).</summary>
    public static double Quantile975(int degreesOfFreedom) =>
        degreesOfFreedom > 0
            ? Distribution.InvCDF(0, 1, degreesOfFreedom, 0.975)
            : throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom));

    /// <summary>
    /// Two-sided p-value of a t statistic, from the lower tail directly: 1 - Cdf(|t|) would round
    /// every p below about 1e-16 to 0, and paired tests over 100 episodes reach far smaller ones.
    /// </summary>
    public static double TwoSidedPValue(double t, double degreesOfFreedom) =>
        Math.Min(1, 2 * Distribution.CDF(0, 1, degreesOfFreedom, -Math.Abs(t)));
}

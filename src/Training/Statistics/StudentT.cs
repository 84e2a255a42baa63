namespace MetaLoss.Training.Statistics;

/// <summary>Student's t distribution: the pieces the confidence intervals and paired tests need.</summary>
public static class StudentT
{
    /// <summary>The 0.975 quantile for the given degrees of freedom (two-sided 95%).</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        if (degreesOfFreedom <= 0) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom));
        // Bisection on the CDF: the CDF is monotone and this runs once per table row.
        double low = 0, high = 700;
        for (var i = 0; i < 200; i++)
        {
            var mid = (low + high) / 2;
            if (Cdf(mid, degreesOfFreedom) < 0.975) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }

    /// <summary>P(T &lt;= t) for t distributed as Student's t with the given degrees of freedom.</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        var x = degreesOfFreedom / (degreesOfFreedom + t * t);
        var tail = 0.5 * RegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, x);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>
    /// Two-sided p-value of a t statistic, from the lower tail directly: 1 - Cdf(|t|) would round
    /// every p below about 1e-16 to 0, and paired tests over 100 episodes reach far smaller ones.
    /// </summary>
    public static double TwoSidedPValue(double t, double degreesOfFreedom) =>
        Math.Min(1, 2 * Cdf(-Math.Abs(t), degreesOfFreedom));

    /// <summary>I_x(a, b) from its continued fraction, evaluated by the modified Lentz method.</summary>
    private static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1 - front * ContinuedFraction(b, a, 1 - x) / b;
    }

    private static double ContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d; h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15) break;
        }
        return h;
    }

    /// <summary>Lanczos approximation (g = 7, n = 9) of ln Gamma(x) for x &gt; 0.</summary>
    private static double LogGamma(double x)
    {
        double[] c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var sum = c[0];
        for (var i = 1; i < 9; i++) sum += c[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}

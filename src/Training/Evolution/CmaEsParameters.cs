namespace MetaLoss.Training.Evolution;

/// <summary>
/// The constants of separable CMA-ES for n parameters and lambda samples: Hansen's defaults
/// ("The CMA Evolution Strategy: A Tutorial", 2016), with the covariance learning rates scaled by
/// (n + 2) / 3 as Ros and Hansen's sep-CMA-ES (2008) does, which a diagonal C can afford.
/// </summary>
internal sealed record CmaEsParameters
{
    public CmaEsParameters(int dimensions, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        double n = dimensions;
        Samples = samples;
        Parents = Math.Max(1, samples / 2);
        var raw = Enumerable.Range(1, Parents).Select(i => Math.Log(Parents + 0.5) - Math.Log(i)).ToArray();
        var total = raw.Sum();
        Weights = [.. raw.Select(w => w / total)];
        EffectiveParents = 1.0 / Weights.Sum(w => w * w);
        var mu = EffectiveParents;

        StepSizeRate = (mu + 2) / (n + mu + 5);
        StepSizeDamping = 1 + 2 * Math.Max(0, Math.Sqrt((mu - 1) / (n + 1)) - 1) + StepSizeRate;
        PathRate = (4 + mu / n) / (n + 4 + 2 * mu / n);
        var separable = (n + 2) / 3;
        RankOneRate = Math.Min(1, separable * 2 / ((n + 1.3) * (n + 1.3) + mu));
        RankMuRate = Math.Min(1 - RankOneRate, separable * 2 * (mu - 2 + 1 / mu) / ((n + 2) * (n + 2) + mu));
        ExpectedNorm = Math.Sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
        StallThreshold = (1.4 + 2 / (n + 1)) * ExpectedNorm;
    }

    /// <summary>lambda, samples per generation.</summary>
    public int Samples { get; }

    /// <summary>mu, the best samples that recombine into the next mean.</summary>
    public int Parents { get; }

    /// <summary>w_1 >= ... >= w_mu > 0, summing to 1.</summary>
    public double[] Weights { get; }

    /// <summary>mu_eff = 1 / sum w_i^2.</summary>
    public double EffectiveParents { get; }

    /// <summary>c_sigma.</summary>
    public double StepSizeRate { get; }

    /// <summary>d_sigma.</summary>
    public double StepSizeDamping { get; }

    /// <summary>c_c.</summary>
    public double PathRate { get; }

    /// <summary>c_1, sep-scaled.</summary>
    public double RankOneRate { get; }

    /// <summary>c_mu, sep-scaled; c_1 + c_mu never exceeds 1, so C stays positive.</summary>
    public double RankMuRate { get; }

    /// <summary>E||N(0, I)||.</summary>
    public double ExpectedNorm { get; }

    /// <summary>Above this normalised ||p_sigma|| the rank-one path stalls (h_sigma = 0), so a sigma jump cannot inflate C.</summary>
    public double StallThreshold { get; }
}

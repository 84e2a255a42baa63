using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Evolution;

/// <summary>
/// Separable CMA-ES (diagonal covariance) behind the seam. A generation's candidates are the mean
/// itself (index 0, scored so that meta-validation can pick the strategy's best guess, as
/// (mu+lambda) re-scores its parents) and lambda = count - 1 samples m + sigma sqrt(C) z with z drawn
/// from the seed path (run seed, generation, index). Tell ranks the samples (NaN last, ties to the
/// lower index), recombines the best mu = lambda / 2, and adapts sigma by cumulative step-size
/// adaptation and diag(C) by rank-one and rank-mu updates. Each parameter's standard deviation
/// sigma sqrt(C_jj) is kept within [SigmaFloor, SigmaCeiling], as (mu+lambda)'s sigmas are.
/// Diagonal, not full: with ~91 parameters and ~19 samples, a full C learns at c_mu ~ 2 mu_eff / n^2,
/// about a thousand generations to adapt, while a run has 30; the diagonal learns (n + 2) / 3 times
/// faster, costs O(n) a sample and needs no eigendecomposition (whose rounding would have to be
/// made deterministic across machines).
/// </summary>
public sealed class SeparableCmaEs : ISearchStrategy
{
    private readonly EvolutionSettings _settings;
    private readonly ulong _runSeed;

    /// <param name="candidateCount">Candidates a generation scores, the mean included: at least 2.</param>
    public SeparableCmaEs(EvolutionSettings settings, ulong runSeed, int candidateCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidateCount, 2);
        _settings = settings.Validate();
        _runSeed = runSeed;
        CandidateCount = candidateCount;
    }

    public SearchStrategyName Name => SearchStrategyName.CmaEs;

    public int CandidateCount { get; }

    private int Samples => CandidateCount - 1;

    public SearchState Initialize(float[] initialPhi) => CmaEsState.Start(initialPhi, _settings.InitialSigma);

    public IReadOnlyList<Genome> Ask(SearchState state)
    {
        var cma = Distribution(state);
        var deviations = Enumerable.Range(0, cma.Length).Select(j => (float)cma.StandardDeviation(j)).ToArray();
        var candidates = new Genome[CandidateCount];
        candidates[0] = cma.BestGuess;
        for (var k = 1; k < candidates.Length; k++)
        {
            var random = new DeterministicRandom(SeedPath.Derive(_runSeed, (long)SeedStream.CmaEsSample, cma.Generation, k));
            var phi = new float[cma.Length];
            for (var j = 0; j < phi.Length; j++)
                phi[j] = (float)(cma.Mean[j] + cma.StandardDeviation(j) * random.NextGaussian());
            candidates[k] = new Genome(phi, deviations);
        }

        return candidates;
    }

    /// <summary>The mu samples that recombine, best first; best and mean fitness over every candidate, the mean included.</summary>
    public Selection Select(SearchState state, IReadOnlyList<double> fitness)
    {
        Distribution(state);
        CheckCount(fitness, nameof(fitness));
        var parents = Parameters(state).Parents;
        var best = fitness[FitnessRanking.BestFirst(fitness)[0]];
        var scored = fitness.Where(f => !double.IsNaN(f)).ToArray();
        return new Selection(Array.AsReadOnly(RankedSamples(fitness)[..parents]), best, scored.Length > 0 ? scored.Average() : double.NaN);
    }

    public SearchState Tell(SearchState state, IReadOnlyList<Genome> candidates, IReadOnlyList<double> fitness)
    {
        var cma = Distribution(state);
        CheckCount(candidates, nameof(candidates));
        CheckCount(fitness, nameof(fitness));
        if (candidates.Any(c => c is null || c.Length != cma.Length))
            throw new ArgumentException($"Every candidate must be a genome of {cma.Length} parameters.", nameof(candidates));
        var p = Parameters(state);
        var n = cma.Length;
        var parents = RankedSamples(fitness)[..p.Parents];

        // y_i = (x_i - m) / sigma of each recombined sample, from the phi it was scored with.
        var steps = parents.Select(k => Enumerable.Range(0, n).Select(j => ((double)candidates[k].Phi[j] - cma.Mean[j]) / cma.StepSize).ToArray()).ToArray();
        var weightedStep = new double[n];
        for (var i = 0; i < steps.Length; i++)
        for (var j = 0; j < n; j++)
            weightedStep[j] += p.Weights[i] * steps[i][j];

        var mean = new double[n];
        var stepSizePath = new double[n];
        var stepSizeGain = Math.Sqrt(p.StepSizeRate * (2 - p.StepSizeRate) * p.EffectiveParents);
        for (var j = 0; j < n; j++)
        {
            mean[j] = cma.Mean[j] + cma.StepSize * weightedStep[j];
            stepSizePath[j] = (1 - p.StepSizeRate) * cma.StepSizePath[j] + stepSizeGain * weightedStep[j] / Math.Sqrt(cma.Variances[j]);
        }

        var pathNorm = Math.Sqrt(stepSizePath.Sum(v => v * v));
        // The exponent is capped at 1 (sigma at most e times larger a generation), so one odd generation cannot blow sigma up.
        var stepSize = Math.Clamp(cma.StepSize * Math.Exp(Math.Min(1, p.StepSizeRate / p.StepSizeDamping * (pathNorm / p.ExpectedNorm - 1))),
            _settings.SigmaFloor, _settings.SigmaCeiling);
        var unbiasedNorm = pathNorm / Math.Sqrt(1 - Math.Pow(1 - p.StepSizeRate, 2 * (cma.Generation + 1)));
        var stalled = unbiasedNorm >= p.StallThreshold;

        var covariancePath = new double[n];
        var variances = new double[n];
        var pathGain = stalled ? 0 : Math.Sqrt(p.PathRate * (2 - p.PathRate) * p.EffectiveParents);
        var kept = 1 - p.RankOneRate - p.RankMuRate + (stalled ? p.RankOneRate * p.PathRate * (2 - p.PathRate) : 0);
        // Each parameter's deviation sigma' sqrt(C'_jj) stays within [floor, ceiling].
        var lowest = Math.Pow(_settings.SigmaFloor / stepSize, 2);
        var highest = Math.Pow(_settings.SigmaCeiling / stepSize, 2);
        for (var j = 0; j < n; j++)
        {
            covariancePath[j] = (1 - p.PathRate) * cma.CovariancePath[j] + pathGain * weightedStep[j];
            var rankMu = 0.0;
            for (var i = 0; i < steps.Length; i++)
                rankMu += p.Weights[i] * steps[i][j] * steps[i][j];
            var variance = kept * cma.Variances[j] + p.RankOneRate * covariancePath[j] * covariancePath[j] + p.RankMuRate * rankMu;
            variances[j] = Math.Clamp(variance, lowest, highest);
        }

        return new CmaEsState(cma.Generation + 1, mean, stepSize, variances, stepSizePath, covariancePath);
    }

    /// <summary>Candidate indices of the samples (index 0, the mean, is not one), best first: NaN last, ties to the lower index.</summary>
    private static int[] RankedSamples(IReadOnlyList<double> fitness) =>
        [.. FitnessRanking.BestFirst(fitness.Skip(1).ToArray()).Select(i => i + 1)];

    private CmaEsParameters Parameters(SearchState state) => new(((CmaEsState)state).Length, Samples);

    private static CmaEsState Distribution(SearchState state) =>
        state as CmaEsState ?? throw new ArgumentException(
            $"CMA-ES needs its distribution, not a {state?.GetType().Name ?? "null"} state.", nameof(state));

    private void CheckCount<T>(IReadOnlyList<T> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count != CandidateCount)
            throw new ArgumentException($"Expected {CandidateCount} {name} (one per candidate), got {values.Count}.", name);
    }
}

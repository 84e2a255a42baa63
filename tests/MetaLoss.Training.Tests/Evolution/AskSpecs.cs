using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Tests.Evolution;

public class AskSpecs
{
    private static readonly EvolutionSettings Settings = new() { Parents = 4 };

    [Fact]
    public void Should_return_bit_identical_candidates_for_the_same_inputs()
    {
        var population = SelfAdaptiveEvolution.Initialize(SelfAdaptiveEvolution.RandomPhi(30, 0.5f, 1), Settings, 9);

        var first = SelfAdaptiveEvolution.Ask(population, Settings, 9);
        var second = SelfAdaptiveEvolution.Ask(population, Settings, 9);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Should_make_different_kids_for_a_different_run_seed_or_generation()
    {
        var parents = SelfAdaptiveEvolution.Initialize(new float[30], Settings, 9).Parents;
        var kids = Kids(SelfAdaptiveEvolution.Ask(new Population(5, parents), Settings, 9));

        var otherSeed = Kids(SelfAdaptiveEvolution.Ask(new Population(5, parents), Settings, 10));
        var otherGeneration = Kids(SelfAdaptiveEvolution.Ask(new Population(6, parents), Settings, 9));

        for (var i = 0; i < kids.Length; i++)
        {
            Assert.NotEqual(kids[i], otherSeed[i]);
            Assert.NotEqual(kids[i], otherGeneration[i]);
        }
    }

    [Fact]
    public void Should_pass_the_parents_through_unchanged_at_the_first_T_indices()
    {
        var population = SelfAdaptiveEvolution.Initialize(new float[30], Settings, 9);

        var candidates = SelfAdaptiveEvolution.Ask(population, Settings, 9);

        Assert.Equal(2 * Settings.Parents, candidates.Count);
        for (var i = 0; i < Settings.Parents; i++)
            Assert.Same(population.Parents[i], candidates[i]);
    }

    [Fact]
    public void Should_make_kid_T_plus_i_from_parent_i()
    {
        // Parents a distance of 100 apart, kids move by a few sigma = 0.01: each kid stays by its parent.
        var parents = Enumerable.Range(0, Settings.Parents)
            .Select(i => Genome.WithUniformSigma(Enumerable.Repeat(100f * i, 30).ToArray(), 0.01f))
            .ToArray();

        var candidates = SelfAdaptiveEvolution.Ask(new Population(0, parents), Settings, 9);

        for (var i = 0; i < Settings.Parents; i++)
        {
            var kid = candidates[Settings.Parents + i];
            Assert.NotEqual(parents[i], kid);
            Assert.All(kid.Phi, p => Assert.InRange(p, 100f * i - 1f, 100f * i + 1f));
        }
    }

    [Fact]
    public void Should_keep_mutated_sigma_within_floor_and_ceiling()
    {
        // A huge tau pushes most strengths past the bounds, so both clamps are exercised.
        var settings = new EvolutionSettings
        {
            Parents = 20, InitialSigma = 0.01f, SigmaFloor = 0.005f, SigmaCeiling = 0.02f, Tau = 3.0,
        };
        var population = new Population(0, Enumerable.Repeat(Genome.WithUniformSigma(new float[50], 0.01f), 20).ToArray());

        var sigmas = Kids(SelfAdaptiveEvolution.Ask(population, settings, 3)).SelectMany(k => k.Sigma).ToArray();

        Assert.All(sigmas, s => Assert.InRange(s, settings.SigmaFloor, settings.SigmaCeiling));
        Assert.Contains(settings.SigmaFloor, sigmas);
        Assert.Contains(settings.SigmaCeiling, sigmas);
    }

    [Fact]
    public void Should_leave_sigma_unchanged_when_both_learning_rates_are_zero()
    {
        var settings = new EvolutionSettings { Parents = 3, Tau = 0, TauPrime = 0 };
        var parent = new Genome(new float[4], [0.01f, 0.02f, 0.03f, 0.04f]);
        var population = new Population(0, [parent, parent, parent]);

        var kids = Kids(SelfAdaptiveEvolution.Ask(population, settings, 3));

        Assert.All(kids, k => Assert.Equal(parent.Sigma, k.Sigma));
        Assert.All(kids, k => Assert.NotEqual(parent.Phi, k.Phi));
    }

    [Fact]
    public void Should_self_adapt_sigma_log_normally_with_one_global_and_one_local_term()
    {
        const int n = 50;
        const int parentsPerGeneration = 50;
        var settings = new EvolutionSettings { Parents = parentsPerGeneration };
        var tau = settings.TauFor(n);
        var tauPrime = settings.TauPrimeFor(n);
        var parents = Enumerable.Repeat(Genome.WithUniformSigma(new float[n], 0.01f), parentsPerGeneration).ToArray();
        var logRatios = Enumerable.Range(0, 40)
            .SelectMany(generation => Kids(SelfAdaptiveEvolution.Ask(new Population(generation, parents), settings, 5)))
            .Select(kid => kid.Sigma.Select(s => Math.Log(s / 0.01)).ToArray())
            .ToArray();

        var all = logRatios.SelectMany(r => r).ToArray();
        var kidMeans = logRatios.Select(r => r.Average()).ToArray();
        var withinKidVariance = logRatios.Sum(r => SumOfSquaredDeviations(r)) / (logRatios.Length * (n - 1));

        Assert.InRange(all.Average(), -0.01, 0.01);
        Assert.InRange(StandardDeviation(all), 0.98 * Math.Sqrt(tau * tau + tauPrime * tauPrime), 1.02 * Math.Sqrt(tau * tau + tauPrime * tauPrime));
        // Spread inside a kid comes from the per-parameter term alone ...
        Assert.InRange(withinKidVariance, 0.97 * tau * tau, 1.03 * tau * tau);
        // ... while kid means move together through the one global draw.
        var expectedKidMeanVariance = tauPrime * tauPrime + tau * tau / n;
        Assert.InRange(Variance(kidMeans), 0.85 * expectedKidMeanVariance, 1.15 * expectedKidMeanVariance);
    }

    [Fact]
    public void Should_step_phi_by_the_new_sigma_times_a_standard_normal()
    {
        var settings = new EvolutionSettings { Parents = 50 };
        var parents = Enumerable.Repeat(Genome.WithUniformSigma(new float[200], 0.01f), 50).ToArray();
        var steps = Enumerable.Range(0, 10)
            .SelectMany(generation => Kids(SelfAdaptiveEvolution.Ask(new Population(generation, parents), settings, 6)))
            .SelectMany(kid => kid.Phi.Zip(kid.Sigma, (phi, sigma) => (double)phi / sigma))
            .ToArray();

        Assert.InRange(steps.Average(), -0.01, 0.01);
        Assert.InRange(Variance(steps), 0.98, 1.02);
    }

    [Fact]
    public void Should_reject_a_population_whose_size_differs_from_the_settings()
    {
        var population = SelfAdaptiveEvolution.Initialize(new float[3], new EvolutionSettings { Parents = 3 }, 1);

        var error = Assert.Throws<ArgumentException>(() => SelfAdaptiveEvolution.Ask(population, Settings, 1));

        Assert.Equal("population", error.ParamName);
    }

    private static Genome[] Kids(IReadOnlyList<Genome> candidates) => candidates.Skip(candidates.Count / 2).ToArray();

    private static double SumOfSquaredDeviations(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean));
    }

    private static double Variance(double[] values) => SumOfSquaredDeviations(values) / (values.Length - 1);

    private static double StandardDeviation(double[] values) => Math.Sqrt(Variance(values));
}

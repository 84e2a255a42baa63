using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Tests.Evolution;

public class SeparableCmaEsSpecs
{
    private const int Dimensions = 20;
    private const ulong RunSeed = 2024;
    private static readonly EvolutionSettings Settings = new() { Parents = 5, InitialSigma = 0.1f };
    private static readonly float[] Target = SelfAdaptiveEvolution.RandomPhi(Dimensions, 1f, 77);

    private static ISearchStrategy Strategy(ulong runSeed = RunSeed, EvolutionSettings? settings = null) =>
        SearchStrategies.Create(SearchStrategyName.CmaEs, settings ?? Settings, runSeed);

    [Fact]
    public void Should_ask_and_tell_bit_identically_for_the_same_inputs()
    {
        var (first, firstCandidates) = Run(Strategy(), generations: 20);
        var (second, secondCandidates) = Run(Strategy(), generations: 20);

        Assert.Equal(first, second);
        Assert.Equal(firstCandidates, secondCandidates);
    }

    [Fact]
    public void Should_draw_other_samples_for_another_run_seed_or_generation()
    {
        var state = (CmaEsState)Strategy().Initialize(new float[Dimensions]);
        var later = new CmaEsState(1, state.Mean, state.StepSize, state.Variances, state.StepSizePath, state.CovariancePath);

        var samples = Strategy().Ask(state);
        var otherSeed = Strategy(runSeed: RunSeed + 1).Ask(state);
        var otherGeneration = Strategy().Ask(later);

        for (var k = 1; k < samples.Count; k++)
        {
            Assert.NotEqual(samples[k], otherSeed[k]);
            Assert.NotEqual(samples[k], otherGeneration[k]);
        }
    }

    [Fact]
    public void Should_score_the_mean_itself_as_candidate_0()
    {
        var (state, _) = Run(Strategy(), generations: 5);

        var candidates = Strategy().Ask(state);

        Assert.Equal(state.BestGuess, candidates[0]);
        Assert.Equal([.. ((CmaEsState)state).Mean.Select(m => (float)m)], candidates[0].Phi);
    }

    [Fact]
    public void Should_approach_the_optimum_of_a_20_dimensional_sphere()
    {
        var start = Distance(new float[Dimensions]);

        var (state, _) = Run(Strategy(), generations: 100);

        // (mu+lambda) with its default settings shrinks this distance by 1.5x in 300 generations (ConvergenceSpecs).
        var end = Distance(state.BestGuess.Phi);
        Assert.True(end < start / 10, $"distance went from {start:F4} to {end:F6}");
    }

    [Fact]
    public void Should_grow_sigma_on_a_slope_and_shrink_it_near_the_optimum()
    {
        // Far from a target 100 away, every step is in the same direction: sigma grows.
        var far = Enumerable.Repeat(100f, Dimensions).ToArray();
        var (climbing, _) = Run(Strategy(), generations: 10, target: far);
        // At the optimum, steps cancel out: sigma shrinks.
        var (settled, _) = Run(Strategy(), generations: 60, target: new float[Dimensions]);

        Assert.True(((CmaEsState)climbing).StepSize > Settings.InitialSigma, $"sigma {((CmaEsState)climbing).StepSize}");
        Assert.True(((CmaEsState)settled).StepSize < Settings.InitialSigma, $"sigma {((CmaEsState)settled).StepSize}");
    }

    [Fact]
    public void Should_keep_every_deviation_between_the_sigma_floor_and_ceiling()
    {
        var settings = Settings with { InitialSigma = 0.5f, SigmaFloor = 0.01f, SigmaCeiling = 0.6f };
        var strategy = Strategy(settings: settings);
        // At the optimum sigma collapses onto the floor; far away it runs into the ceiling.
        var (settled, _) = Run(strategy, generations: 300, target: new float[Dimensions]);
        var (climbing, _) = Run(strategy, generations: 40, target: Enumerable.Repeat(1000f, Dimensions).ToArray());

        foreach (var state in new[] { (CmaEsState)settled, (CmaEsState)climbing })
        {
            for (var j = 0; j < Dimensions; j++)
            {
                var deviation = state.StandardDeviation(j);
                Assert.InRange(deviation, settings.SigmaFloor * (1 - 1e-9), settings.SigmaCeiling * (1 + 1e-9));
            }
        }
        // Both bounds are reached: the settled run's smallest deviation sits on the floor, the climbing run's sigma on the ceiling.
        Assert.Equal(settings.SigmaFloor, Enumerable.Range(0, Dimensions).Min(((CmaEsState)settled).StandardDeviation), 1e-9);
        Assert.Equal(settings.SigmaCeiling, ((CmaEsState)climbing).StepSize, 1e-9);
    }

    [Fact]
    public void Should_rank_a_NaN_fitness_last_so_its_sample_does_not_move_the_mean()
    {
        var strategy = Strategy();
        var state = strategy.Initialize(new float[Dimensions]);
        var candidates = strategy.Ask(state);
        var fitness = Fitness(candidates);
        var best = Enumerable.Range(1, fitness.Length - 1).MaxBy(k => fitness[k]);
        var poisoned = (double[])fitness.Clone();
        poisoned[best] = double.NaN;
        // Without the NaN sample the next mean is the same as with it scored below everything.
        var worst = (double[])fitness.Clone();
        worst[best] = double.MinValue;

        Assert.DoesNotContain(best, strategy.Select(state, poisoned).SurvivorIndices);
        Assert.Equal(strategy.Tell(state, candidates, worst), strategy.Tell(state, candidates, poisoned));
        Assert.Equal(fitness[Enumerable.Range(0, fitness.Length).Where(k => k != best).MaxBy(k => fitness[k])],
            strategy.Select(state, poisoned).BestFitness);
    }

    [Fact]
    public void Should_recombine_the_best_half_of_the_samples_best_first()
    {
        var strategy = Strategy();
        var state = strategy.Initialize(new float[Dimensions]);
        var fitness = Fitness(strategy.Ask(state));

        var selection = strategy.Select(state, fitness);

        var samples = Enumerable.Range(1, fitness.Length - 1).OrderByDescending(k => fitness[k]).ToArray();
        Assert.Equal(samples[..((2 * Settings.Parents - 1) / 2)], selection.SurvivorIndices);
        Assert.Equal(fitness.Max(), selection.BestFitness);
    }

    [Fact]
    public void Should_refuse_candidates_or_fitness_of_the_wrong_count()
    {
        var strategy = Strategy();
        var state = strategy.Initialize(new float[Dimensions]);
        var candidates = strategy.Ask(state);
        var fitness = Fitness(candidates);

        Assert.Throws<ArgumentException>(() => strategy.Tell(state, candidates.Skip(1).ToList(), fitness));
        Assert.Throws<ArgumentException>(() => strategy.Tell(state, candidates, fitness[1..]));
        Assert.Throws<ArgumentException>(() => strategy.Select(state, fitness[1..]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Should_refuse_a_state_with_a_bad_step_size(double stepSize) =>
        Assert.Throws<ArgumentException>(() => new CmaEsState(0, [0.0], stepSize, [1.0], [0.0], [0.0]));

    [Fact]
    public void Should_refuse_a_state_whose_arrays_disagree_or_whose_variance_is_not_positive()
    {
        Assert.Throws<ArgumentException>(() => new CmaEsState(0, [0.0, 1.0], 0.1, [1.0], [0.0, 0.0], [0.0, 0.0]));
        Assert.Throws<ArgumentException>(() => new CmaEsState(0, [0.0], 0.1, [0.0], [0.0], [0.0]));
        Assert.Throws<ArgumentException>(() => new CmaEsState(0, [0.0], 0.1, [1.0], [double.NaN], [0.0]));
        // A mean no float can hold cannot become a genome.
        Assert.Throws<ArgumentException>(() => new CmaEsState(0, [1e300], 0.1, [1.0], [0.0], [0.0]));
    }

    [Fact]
    public void Should_run_with_a_single_sample_a_generation()
    {
        var strategy = Strategy(settings: Settings with { Parents = 1 });

        var (state, _) = Run(strategy, generations: 3);

        Assert.Equal(2, strategy.CandidateCount);
        Assert.Equal(3, state.Generation);
    }

    private static (SearchState State, List<Genome> Candidates) Run(ISearchStrategy strategy, int generations, float[]? target = null)
    {
        var state = strategy.Initialize(new float[Dimensions]);
        var asked = new List<Genome>();
        for (var generation = 0; generation < generations; generation++)
        {
            var candidates = strategy.Ask(state);
            asked.AddRange(candidates);
            state = strategy.Tell(state, candidates, Fitness(candidates, target));
        }

        return (state, asked);
    }

    private static double[] Fitness(IReadOnlyList<Genome> candidates, float[]? target = null) =>
        [.. candidates.Select(c => -Math.Pow(Distance(c.Phi, target), 2))];

    private static double Distance(float[] phi, float[]? target = null) =>
        Math.Sqrt(phi.Zip(target ?? Target, (p, t) => (double)(p - t) * (p - t)).Sum());
}

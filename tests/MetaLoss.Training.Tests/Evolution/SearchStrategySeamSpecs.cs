using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Tests.Evolution;

public class SearchStrategySeamSpecs
{
    private const ulong RunSeed = 31;
    private static readonly EvolutionSettings Settings = new() { Parents = 4 };
    private static readonly float[] Target = SelfAdaptiveEvolution.RandomPhi(12, 1f, 5);

    [Fact]
    public void Should_run_mu_plus_lambda_through_the_seam_bit_for_bit_as_SelfAdaptiveEvolution()
    {
        var strategy = SearchStrategies.Create(SearchStrategyName.MuPlusLambda, Settings, RunSeed);
        var initial = SelfAdaptiveEvolution.RandomPhi(12, 0.5f, 3);
        var direct = SelfAdaptiveEvolution.Initialize(initial, Settings, RunSeed);
        var seam = strategy.Initialize(initial);

        for (var generation = 0; generation < 15; generation++)
        {
            Assert.Equal(direct, seam);
            var candidates = SelfAdaptiveEvolution.Ask(direct, Settings, RunSeed);
            var asked = strategy.Ask(seam);
            Assert.Equal(candidates, asked);
            // A NaN and a tie each generation: the seam must rank them as the ES does.
            var fitness = Fitness(candidates);
            fitness[1] = double.NaN;
            fitness[^1] = fitness[0];
            Assert.Equal(SelfAdaptiveEvolution.Select(direct, fitness), strategy.Select(seam, fitness), SelectionComparer.Instance);
            direct = SelfAdaptiveEvolution.Tell(direct, candidates, fitness);
            seam = strategy.Tell(seam, asked, fitness);
        }

        Assert.Equal(direct, seam);
        Assert.Equal(direct.Parents[0], seam.BestGuess);
    }

    [Theory]
    [InlineData(SearchStrategyName.MuPlusLambda)]
    [InlineData(SearchStrategyName.CmaEs)]
    public void Should_score_2T_candidates_a_generation_with_either_strategy(SearchStrategyName name)
    {
        var strategy = SearchStrategies.Create(name, Settings, RunSeed);

        Assert.Equal(name, strategy.Name);
        Assert.Equal(2 * Settings.Parents, strategy.CandidateCount);
        Assert.Equal(2 * Settings.Parents, strategy.Ask(strategy.Initialize(new float[12])).Count);
        Assert.Equal(2L * Settings.Parents, SearchStrategies.CandidateCount(name, Settings));
    }

    [Fact]
    public void Should_refuse_a_state_of_another_strategy()
    {
        var mu = SearchStrategies.Create(SearchStrategyName.MuPlusLambda, Settings, RunSeed);
        var cma = SearchStrategies.Create(SearchStrategyName.CmaEs, Settings, RunSeed);

        Assert.Throws<ArgumentException>(() => mu.Ask(cma.Initialize(new float[12])));
        Assert.Throws<ArgumentException>(() => cma.Ask(mu.Initialize(new float[12])));
    }

    [Theory]
    [InlineData("mu-plus-lambda", SearchStrategyName.MuPlusLambda)]
    [InlineData("CMA-ES", SearchStrategyName.CmaEs)]
    public void Should_read_the_spellings_users_type(string text, SearchStrategyName expected)
    {
        Assert.Equal(expected, SearchStrategyNames.Parse(text));
        Assert.Equal(text.ToLowerInvariant(), SearchStrategyNames.Format(expected));
    }

    [Theory]
    [InlineData("")]
    [InlineData("cmaes")]
    [InlineData("MuPlusLambda")]
    public void Should_not_read_other_spellings(string text) => Assert.Null(SearchStrategyNames.Parse(text));

    private static double[] Fitness(IReadOnlyList<Genome> candidates) =>
        [.. candidates.Select(c => -c.Phi.Zip(Target, (p, t) => (double)(p - t) * (p - t)).Sum())];

    private sealed class SelectionComparer : IEqualityComparer<Selection>
    {
        public static readonly SelectionComparer Instance = new();

        public bool Equals(Selection? x, Selection? y) =>
            x!.SurvivorIndices.SequenceEqual(y!.SurvivorIndices) &&
            BitConverter.DoubleToInt64Bits(x.BestFitness) == BitConverter.DoubleToInt64Bits(y.BestFitness) &&
            BitConverter.DoubleToInt64Bits(x.MeanFitness) == BitConverter.DoubleToInt64Bits(y.MeanFitness);

        public int GetHashCode(Selection obj) => obj.SurvivorIndices.Count;
    }
}

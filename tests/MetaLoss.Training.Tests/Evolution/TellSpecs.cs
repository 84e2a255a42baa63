using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Tests.Evolution;

public class TellSpecs
{
    private static readonly EvolutionSettings Settings = new() { Parents = 4 };
    private static readonly Population Population = SelfAdaptiveEvolution.Initialize(new float[5], Settings, 1);
    private static readonly IReadOnlyList<Genome> Candidates = SelfAdaptiveEvolution.Ask(Population, Settings, 1);

    [Fact]
    public void Should_keep_best_T_of_2T_best_first()
    {
        double[] fitness = [0.1, 0.9, 0.3, 0.5, 0.8, 0.2, 0.7, 0.4];

        var next = SelfAdaptiveEvolution.Tell(Population, Candidates, fitness);

        Assert.Equal(new[] { Candidates[1], Candidates[4], Candidates[6], Candidates[3] }, next.Parents);
    }

    [Fact]
    public void Should_break_ties_by_lower_candidate_index()
    {
        double[] fitness = [0.5, 0.5, 0.9, 0.5, 0.5, 0.9, 0.1, 0.1];

        var selection = SelfAdaptiveEvolution.Select(Population, fitness);

        Assert.Equal([2, 5, 0, 1], selection.SurvivorIndices);
    }

    [Fact]
    public void Should_keep_the_parents_when_every_fitness_is_equal()
    {
        var next = SelfAdaptiveEvolution.Tell(Population, Candidates, Enumerable.Repeat(0.5, 8).ToArray());

        Assert.Equal(Population.Parents, next.Parents);
    }

    [Fact]
    public void Should_rank_NaN_fitness_last()
    {
        double[] fitness = [double.NaN, double.NaN, double.NaN, 0.0, -1.0, double.NaN, double.NegativeInfinity, 0.2];

        var selection = SelfAdaptiveEvolution.Select(Population, fitness);

        Assert.Equal([7, 3, 4, 6], selection.SurvivorIndices);
    }

    [Fact]
    public void Should_fill_up_with_NaN_candidates_by_index_when_too_few_are_scored()
    {
        double[] fitness = [double.NaN, 0.3, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];

        var selection = SelfAdaptiveEvolution.Select(Population, fitness);

        Assert.Equal([1, 0, 2, 3], selection.SurvivorIndices);
        Assert.Equal(0.3, selection.BestFitness);
        Assert.Equal(0.3, selection.MeanFitness);
    }

    [Fact]
    public void Should_report_best_and_mean_fitness()
    {
        double[] fitness = [0.1, 0.9, 0.3, 0.5, 0.8, 0.2, 0.7, double.NaN];

        var selection = SelfAdaptiveEvolution.Select(Population, fitness);

        Assert.Equal(0.9, selection.BestFitness);
        Assert.Equal(3.5 / 7, selection.MeanFitness, 12);
    }

    [Fact]
    public void Should_increment_the_generation()
    {
        var next = SelfAdaptiveEvolution.Tell(Population, Candidates, [1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.Equal(Population.Generation + 1, next.Generation);
    }

    [Fact]
    public void Should_replay_a_selection_into_the_same_population_as_tell()
    {
        double[] fitness = [0.1, 0.9, 0.3, 0.5, 0.8, 0.2, 0.7, 0.4];

        var selection = SelfAdaptiveEvolution.Select(Population, fitness);
        var replayed = SelfAdaptiveEvolution.Advance(Population, Candidates, selection.SurvivorIndices);

        Assert.Equal(SelfAdaptiveEvolution.Tell(Population, Candidates, fitness), replayed);
    }

    [Fact]
    public void Should_reject_a_wrong_number_of_fitness_values()
    {
        var error = Assert.Throws<ArgumentException>(
            () => SelfAdaptiveEvolution.Tell(Population, Candidates, [1, 2, 3, 4, 5, 6, 7]));

        Assert.Equal("fitness", error.ParamName);
    }

    [Fact]
    public void Should_reject_a_wrong_number_of_candidates()
    {
        var error = Assert.Throws<ArgumentException>(
            () => SelfAdaptiveEvolution.Tell(Population, Candidates.Take(7).ToArray(), [1, 2, 3, 4, 5, 6, 7, 8]));

        Assert.Equal("candidates", error.ParamName);
    }

    [Fact]
    public void Should_reject_candidates_asked_for_another_population()
    {
        var next = SelfAdaptiveEvolution.Tell(Population, Candidates, [1, 2, 3, 4, 5, 6, 7, 8]);

        var error = Assert.Throws<ArgumentException>(
            () => SelfAdaptiveEvolution.Tell(next, Candidates, [1, 2, 3, 4, 5, 6, 7, 8]));

        Assert.Equal("candidates", error.ParamName);
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 0, 1, 2, 2 })]
    [InlineData(new[] { 0, 1, 2, 8 })]
    [InlineData(new[] { -1, 1, 2, 3 })]
    public void Should_reject_invalid_survivor_indices(int[] survivors)
    {
        var error = Assert.Throws<ArgumentException>(
            () => SelfAdaptiveEvolution.Advance(Population, Candidates, survivors));

        Assert.Equal("survivorIndices", error.ParamName);
    }
}

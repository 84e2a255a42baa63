using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Tests.Population;

public sealed class PopulationStateSpecs
{
    private static PopulationState Started(RunSettings settings) =>
        PopulationState.Empty.Apply(new RunStarted(settings, TestRuns.InitialPhi()));

    private static PopulationState Open(RunSettings settings)
    {
        var state = Started(settings);
        return state.Apply(state.StartNextGeneration());
    }

    private static EpisodeCompleted Result(long generation, int candidate, int episode, double fitness,
        EpisodeOutcome outcome = EpisodeOutcome.Completed) => new(generation, candidate, episode, fitness, outcome);

    /// <summary>Gives every episode of the open generation a fitness from <paramref name="fitness"/>(candidate, episode).</summary>
    private static PopulationState CompleteAll(PopulationState state, Func<int, int, double> fitness)
    {
        foreach (var key in state.PendingEpisodes().ToList())
            state = state.Apply(Result(key.Generation, key.Candidate, key.Episode, fitness(key.Candidate, key.Episode)));
        return state;
    }

    [Fact]
    public void Should_start_a_run_from_RunStarted()
    {
        var state = Started(TestRuns.Settings(parents: 3));

        Assert.True(state.Started);
        Assert.False(state.Finished);
        Assert.True(state.NeedsGenerationStart);
        Assert.Equal(0, state.Generation);
        Assert.Equal(3, state.Population!.Parents.Count);
        Assert.Equal(TestRuns.InitialPhi(), state.Population.Parents[0].Phi);
    }

    [Fact]
    public void Should_ignore_a_second_RunStarted()
    {
        var state = Open(TestRuns.Settings());
        var again = state.Apply(new RunStarted(TestRuns.Settings(seed: 99), TestRuns.InitialPhi()));

        Assert.Same(state, again);
    }

    [Fact]
    public void Should_open_a_generation_with_every_episode_pending()
    {
        var state = Open(TestRuns.Settings(parents: 3, episodes: 2));

        Assert.Equal(6, state.Candidates!.Count);
        Assert.False(state.NeedsGenerationStart);
        Assert.False(state.GenerationComplete);
        Assert.Equal(12, state.PendingEpisodes().Count());
    }

    [Fact]
    public void Should_not_reopen_a_generation_that_already_has_results()
    {
        var state = Open(TestRuns.Settings()).Apply(Result(0, 1, 0, 0.5));

        var again = state.Apply((state with { Candidates = null }).StartNextGeneration());

        Assert.Same(state, again);
        Assert.Single(again.Results);
    }

    [Fact]
    public void Should_count_a_result_once_when_it_arrives_twice()
    {
        var state = Open(TestRuns.Settings()).Apply(Result(0, 1, 0, 0.5));

        var duplicate = state.Apply(Result(0, 1, 0, 0.9));

        Assert.Same(state, duplicate);
        Assert.Equal(1, duplicate.EpisodesCompleted);
        Assert.Equal(0.5, duplicate.Results[new EpisodeKey(0, 1, 0)].Fitness);
    }

    [Fact]
    public void Should_ignore_a_result_of_a_finished_generation()
    {
        var state = CompleteAll(Open(TestRuns.Settings()), (c, _) => c / 10.0);
        state = state.Apply(state.CompleteGeneration());
        state = state.Apply(state.StartNextGeneration());
        var completed = state.EpisodesCompleted;

        var stale = state.Apply(Result(0, 0, 0, 1.0));

        Assert.Same(state, stale);
        Assert.Equal(completed, stale.EpisodesCompleted);
    }

    [Theory]
    [InlineData(5, 0, 0)]
    [InlineData(0, 4, 0)]
    [InlineData(0, -1, 0)]
    [InlineData(0, 0, 1)]
    public void Should_ignore_a_result_for_an_episode_that_does_not_exist(long generation, int candidate, int episode)
    {
        var state = Open(TestRuns.Settings(parents: 2, episodes: 1));

        Assert.Same(state, state.Apply(Result(generation, candidate, episode, 0.5)));
    }

    [Fact]
    public void Should_list_only_episodes_without_a_result_in_a_fixed_order()
    {
        var state = Open(TestRuns.Settings(parents: 2, episodes: 2))
            .Apply(Result(0, 0, 1, 0.1))
            .Apply(Result(0, 2, 0, 0.2));

        EpisodeKey[] expected = [new(0, 0, 0), new(0, 1, 0), new(0, 1, 1), new(0, 2, 1), new(0, 3, 0), new(0, 3, 1)];
        Assert.Equal(expected, state.PendingEpisodes());
        Assert.Equal(2, state.ToStatus().EpisodesDoneThisGeneration);
    }

    [Fact]
    public void Should_give_every_candidate_the_same_seeds_when_paired()
    {
        var state = Open(TestRuns.Settings(parents: 3, episodes: 2, paired: true));

        for (var episode = 0; episode < 2; episode++)
        {
            var specs = Enumerable.Range(0, 6).Select(c => state.SpecFor(new EpisodeKey(0, c, episode))).ToList();
            Assert.Single(specs.Select(s => (s.TaskSeed, s.InitSeed)).Distinct());
            Assert.Equal(SeedDerivation.ForSharedEpisode(7, 0, episode), new EpisodeSeeds(specs[0].TaskSeed, specs[0].InitSeed));
        }
        Assert.NotEqual(state.SpecFor(new EpisodeKey(0, 0, 0)).TaskSeed, state.SpecFor(new EpisodeKey(0, 0, 1)).TaskSeed);
    }

    [Fact]
    public void Should_give_every_candidate_its_own_seeds_when_unpaired()
    {
        var state = Open(TestRuns.Settings(parents: 3, episodes: 2, paired: false));

        var keys = state.PendingEpisodes().ToList();
        var specs = keys.Select(state.SpecFor).ToList();

        Assert.Equal(keys.Count, specs.Select(s => s.TaskSeed).Distinct().Count());
        Assert.Equal(keys.Count, specs.Select(s => s.InitSeed).Distinct().Count());
        Assert.Equal(SeedDerivation.ForEpisode(7, 0, 4, 1), new EpisodeSeeds(specs[9].TaskSeed, specs[9].InitSeed));
    }

    [Fact]
    public void Should_score_each_candidate_with_its_own_genome()
    {
        var state = Open(TestRuns.Settings(parents: 2));

        for (var candidate = 0; candidate < 4; candidate++)
        {
            var loss = Assert.IsType<LossSpec.MetaLoss>(state.SpecFor(new EpisodeKey(0, candidate, 0)).Loss);
            Assert.Equal(state.Candidates![candidate].Phi, loss.Phi);
            Assert.Equal(TestRuns.Architecture, loss.Architecture);
        }
    }

    [Fact]
    public void Should_select_the_candidates_with_the_best_mean_fitness()
    {
        // Candidate 1 has the single best episode but candidate 3 the best mean.
        double[][] fitness = [[0.2, 0.2], [0.9, 0.1], [0.3, 0.3], [0.7, 0.7]];
        var state = CompleteAll(Open(TestRuns.Settings(parents: 2, episodes: 2)), (c, e) => fitness[c][e]);
        Assert.True(state.GenerationComplete);

        var completed = state.CompleteGeneration();

        Assert.Equal([3, 1], completed.SurvivorIndices);
        Assert.Equal(0.7, completed.BestFitness);
        Assert.Equal((0.2 + 0.5 + 0.3 + 0.7) / 4, completed.MeanFitness, 12);
        Assert.Equal(0, completed.FlaggedEpisodes);
    }

    [Fact]
    public void Should_count_flagged_episodes()
    {
        var state = Open(TestRuns.Settings(parents: 2))
            .Apply(Result(0, 0, 0, 0.5))
            .Apply(Result(0, 1, 0, 0.0, EpisodeOutcome.NonFiniteLoss))
            .Apply(Result(0, 2, 0, 0.4))
            .Apply(Result(0, 3, 0, 0.0, EpisodeOutcome.ExplodedClassifier));

        Assert.Equal(2, state.CompleteGeneration().FlaggedEpisodes);
    }

    [Fact]
    public void Should_average_each_candidates_episodes_in_episode_order()
    {
        // Floating-point addition is not associative: 0.1 + 0.2 + 0.3 depends on the order.
        double[] values = [0.1, 0.2, 0.3];
        var settings = TestRuns.Settings(parents: 1, episodes: 3);
        var forward = Open(settings);
        var backward = forward;
        for (var e = 0; e < 3; e++)
        {
            forward = forward.Apply(Result(0, 0, e, values[e])).Apply(Result(0, 1, e, 0));
            backward = backward.Apply(Result(0, 0, 2 - e, values[2 - e])).Apply(Result(0, 1, 2 - e, 0));
        }

        var expected = (values[0] + values[1] + values[2]) / 3;
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(forward.CompleteGeneration().BestFitness));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(backward.CompleteGeneration().BestFitness));
    }

    [Fact]
    public void Should_make_the_survivors_the_next_parents_and_record_the_generation()
    {
        double[] fitness = [0.1, 0.4, 0.3, 0.2];
        var state = CompleteAll(Open(TestRuns.Settings(parents: 2)), (c, _) => fitness[c]);
        var candidates = state.Candidates!;
        var completed = state.CompleteGeneration();

        var next = state.Apply(completed);

        Assert.Equal(1, next.Generation);
        Assert.Null(next.Candidates);
        Assert.Empty(next.Results);
        Assert.True(next.NeedsGenerationStart);
        Assert.Equal([candidates[1], candidates[2]], next.Population!.Parents);
        Assert.Equal(new GenerationSummary(0, 0.4, 0.25, 0), Assert.Single(next.History));
        Assert.Equal(candidates[1], next.ToStatus().Best);
    }

    [Fact]
    public void Should_finish_after_the_configured_number_of_generations()
    {
        var state = Started(TestRuns.Settings(parents: 2, generations: 3));
        for (var g = 0; g < 3; g++)
        {
            Assert.False(state.Finished);
            state = state.Apply(state.StartNextGeneration());
            state = CompleteAll(state, (c, _) => c * 0.1);
            state = state.Apply(state.CompleteGeneration());
        }

        Assert.True(state.Finished);
        Assert.False(state.NeedsGenerationStart);
        Assert.Empty(state.PendingEpisodes());
        Assert.Equal(3, state.History.Count);
        Assert.Equal(12, state.EpisodesCompleted);
        Assert.True(state.ToStatus().Finished);
    }
}

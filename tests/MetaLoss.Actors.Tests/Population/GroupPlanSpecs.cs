using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>The plan of groups: a pure function of the run and the generation, covering every episode once.</summary>
public sealed class GroupPlanSpecs
{
    private static PopulationState Open(RunSettings settings)
    {
        var state = PopulationState.Empty.Apply(new RunStarted(settings, TestRuns.InitialPhi()));
        return state.Apply(state.StartNextGeneration());
    }

    private static PopulationState Complete(PopulationState state, IEnumerable<EpisodeKey> keys) =>
        keys.Aggregate(state, (s, key) => s.Apply(key.MetaValidation
            ? new MetaValidationEpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.5, EpisodeOutcome.Completed)
            : new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.01 * (key.Candidate + 1) + 0.001 * key.Episode, EpisodeOutcome.Completed)));

    /// <summary>Each group as text, key and members, so plans compare by value.</summary>
    private static List<string> Shape(IEnumerable<PlannedGroup> groups) =>
        [.. groups.Select(group => $"{group.Key}: {string.Join(" ", group.Episodes)}")];

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(50)]
    public void Should_cover_every_episode_of_a_generation_exactly_once_in_groups_of_the_batch_size(int batchSize)
    {
        var state = Open(TestRuns.Settings(parents: 3, episodes: 2, batchSize: batchSize));

        var groups = state.PlannedGroups();

        var planned = groups.SelectMany(group => group.Episodes).ToList();
        Assert.Equal(state.PendingEpisodes(), planned);
        Assert.Equal(planned.Count, planned.Distinct().Count());
        Assert.All(groups.SkipLast(1), group => Assert.Equal(batchSize, group.Episodes.Count));
        Assert.InRange(groups[^1].Episodes.Count, 1, batchSize);
        Assert.Equal(Enumerable.Range(0, groups.Count), groups.Select(group => group.Key.Index));
    }

    [Fact]
    public void Should_plan_the_same_groups_however_the_results_arrive()
    {
        var settings = TestRuns.Settings(parents: 3, episodes: 2, batchSize: 5);
        var open = Open(settings);
        var keys = open.PendingEpisodes().ToList();

        var forwards = Complete(Open(settings), keys.Take(7));
        var backwards = Complete(Open(settings), Enumerable.Reverse(keys).Skip(5));

        Assert.Equal(Shape(open.PlannedGroups()), Shape(forwards.PlannedGroups()));
        Assert.Equal(Shape(open.PlannedGroups()), Shape(backwards.PlannedGroups()));
        Assert.Equal([5, 5, 2], open.PlannedGroups().Select(group => group.Episodes.Count));
    }

    [Fact]
    public void Should_keep_a_partly_done_group_pending_whole()
    {
        var state = Open(TestRuns.Settings(parents: 3, episodes: 2, batchSize: 5));
        var first = state.PlannedGroups()[0];

        state = Complete(state, first.Episodes.Take(3));

        Assert.Equal(Shape([first]), Shape(state.PendingGroups().Take(1)));
        state = Complete(state, first.Episodes.Skip(3));
        Assert.DoesNotContain(state.PendingGroups(), group => group.Key == first.Key);
    }

    [Fact]
    public void Should_plan_the_shortlists_meta_validation_in_groups_of_its_own_once_training_is_done()
    {
        var settings = TestRuns.ValidatedSettings(parents: 3, episodes: 2, validationEpisodes: 3, top: 2) with { BatchSize = 4 };
        var state = Open(settings);
        Assert.DoesNotContain(state.PlannedGroups(), group => group.Key.MetaValidation);

        state = Complete(state, state.PendingEpisodes().ToList());

        var validation = state.PendingGroups().ToList();
        Assert.All(validation, group => Assert.True(group.Key.MetaValidation));
        Assert.All(validation, group => Assert.All(group.Episodes, key => Assert.True(key.MetaValidation)));
        Assert.Equal([4, 2], validation.Select(group => group.Episodes.Count));
        Assert.Equal(state.PendingEpisodes(), validation.SelectMany(group => group.Episodes));
        // The same training results give the same shortlist, so the same meta-validation groups.
        var again = Complete(Open(settings), Open(settings).PendingEpisodes().Reverse().ToList());
        Assert.Equal(Shape(validation), Shape(again.PendingGroups()));
    }

    [Fact]
    public void Should_lease_whole_groups_up_to_the_number_asked_for_and_at_least_one()
    {
        var groups = Open(TestRuns.Settings(parents: 3, episodes: 2, batchSize: 5)).PlannedGroups();

        Assert.Equal([0], GroupPlan.TakeWhole(groups, 1).Select(group => group.Key.Index));
        Assert.Equal([0], GroupPlan.TakeWhole(groups, 9).Select(group => group.Key.Index));
        Assert.Equal([0, 1], GroupPlan.TakeWhole(groups, 10).Select(group => group.Key.Index));
        Assert.Equal([0, 1, 2], GroupPlan.TakeWhole(groups, 64).Select(group => group.Key.Index));
        Assert.Empty(GroupPlan.TakeWhole([], 5));
    }
}

using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Service;
using MetaLoss.Actors.Tests.Population;

namespace MetaLoss.Actors.Tests.Service;

public sealed class RegistryStateSpecs
{
    private static readonly RunSettings Settings = TestRuns.Settings();

    private static RegistryState WithRun(RunLifecycle state) =>
        RegistryState.Empty.Apply(new RunRegistered("a", RunId.Parse("abc"), Settings, 1)).Apply(new RunLifecycleChanged("a", state));

    [Fact]
    public void Should_apply_each_event_once_however_often_it_is_replayed()
    {
        var registered = new RunRegistered("a", RunId.Parse("abc"), Settings, 2);

        var state = RegistryState.Empty.Apply(registered).Apply(registered with { Priority = 5 });

        var run = Assert.Single(state.Runs);
        Assert.Equal(2, run.Priority);
        Assert.Equal(RunLifecycle.Submitted, run.State);
        Assert.Same(state, state.Apply(new RunLifecycleChanged("unknown", RunLifecycle.Running)));
    }

    [Theory]
    [InlineData(RunLifecycle.Running, RunChange.Pause, RunLifecycle.Paused)]
    [InlineData(RunLifecycle.Paused, RunChange.Resume, RunLifecycle.Running)]
    [InlineData(RunLifecycle.Running, RunChange.Cancel, RunLifecycle.Cancelled)]
    [InlineData(RunLifecycle.Paused, RunChange.Cancel, RunLifecycle.Cancelled)]
    [InlineData(RunLifecycle.Submitted, RunChange.Cancel, RunLifecycle.Cancelled)]
    public void Should_change_a_run_that_can_change(RunLifecycle from, RunChange change, RunLifecycle to)
    {
        var (changed, refusal) = RegistryState.Change(WithRun(from).Find("a")!, change);

        Assert.Null(refusal);
        Assert.Equal(to, changed!.State);
    }

    [Theory]
    [InlineData(RunLifecycle.Running, RunChange.Resume)]
    [InlineData(RunLifecycle.Paused, RunChange.Pause)]
    public void Should_do_nothing_for_a_change_already_made(RunLifecycle from, RunChange change)
    {
        Assert.Equal((null, null), RegistryState.Change(WithRun(from).Find("a")!, change));
    }

    [Theory]
    [InlineData(RunLifecycle.Finished, RunChange.Resume, "is finished")]
    [InlineData(RunLifecycle.Finished, RunChange.Cancel, "is finished")]
    [InlineData(RunLifecycle.Cancelled, RunChange.Resume, "was cancelled")]
    [InlineData(RunLifecycle.Submitted, RunChange.Pause, "still starting")]
    public void Should_refuse_a_change_that_does_not_apply(RunLifecycle from, RunChange change, string reason)
    {
        var (changed, refusal) = RegistryState.Change(WithRun(from).Find("a")!, change);

        Assert.Null(changed);
        Assert.Contains(reason, refusal);
    }

    [Fact]
    public void Should_take_the_same_submission_and_name_what_differs_in_another()
    {
        var run = WithRun(RunLifecycle.Running).Find("a")!;

        Assert.Null(RegistryState.Conflict(run, new SubmitRun("a", Settings, 1)));
        var conflict = RegistryState.Conflict(run, new SubmitRun("a", Settings with { Seed = 8, Generations = 9 }, 4));
        Assert.Contains("seed", conflict);
        Assert.Contains("generations", conflict);
        Assert.Contains("priority: registry has 1, asked for 4", conflict);
    }

    [Fact]
    public void Should_judge_a_submission_against_one_still_being_prepared_as_against_a_registered_run()
    {
        var preparing = RegistryState.Empty.Apply(new RunSubmitted("a", RunId.Parse("abc"), Settings, 1)).Find("a")!;

        Assert.Null(RegistryState.Conflict(preparing, new SubmitRun("a", Settings, 1)));
        var conflict = RegistryState.Conflict(preparing, new SubmitRun("a", Settings with { Seed = 8 }, 2));
        Assert.StartsWith("run 'a' is being prepared with other settings", conflict);
        Assert.Contains("seed", conflict);
        Assert.Contains("priority: registry has 1, asked for 2", conflict);
    }

    [Fact]
    public void Should_keep_a_submission_from_preparing_to_registered_or_refused_by_its_own_id_only()
    {
        var first = RunId.Parse("abc");
        var submitted = new RunSubmitted("a", first, Settings, 1);
        var preparing = RegistryState.Empty.Apply(submitted).Apply(submitted);

        Assert.Equal(RunLifecycle.Preparing, Assert.Single(preparing.Runs).State);
        // Answers for another submission of the name (a stale preparation) change nothing.
        Assert.Same(preparing, preparing.Apply(new RunRegistered("a", RunId.Parse("def"), Settings, 1)));
        Assert.Same(preparing, preparing.Apply(new RunRefused("a", RunId.Parse("def"), "stale")));
        var registered = preparing.Apply(new RunRegistered("a", first, Settings, 1));
        Assert.Equal(RunLifecycle.Submitted, Assert.Single(registered.Runs).State);
        Assert.Same(registered, registered.Apply(new RunRefused("a", first, "too late")));
        var refused = preparing.Apply(new RunRefused("a", first, "an episode takes 100,000 training images"));
        Assert.Equal((RunLifecycle.Refused, "an episode takes 100,000 training images"), (refused.Find("a")!.State, refused.Find("a")!.Refusal));
        // Replayed, the refused submission's own event does not revive it.
        Assert.Same(refused, refused.Apply(submitted));
        // Only a run past its preparation has a population to ask, whatever happens to it after.
        Assert.Equal([false, true, false, true], new[] { preparing, registered, refused,
            registered.Apply(new RunLifecycleChanged("a", RunLifecycle.Cancelled)) }.Select(s => s.Find("a")!.Registered));
    }

    [Fact]
    public void Should_let_a_new_submission_take_a_refused_runs_place_and_keep_the_order()
    {
        var state = RegistryState.Empty
            .Apply(new RunSubmitted("a", RunId.Parse("abc"), Settings, 1))
            .Apply(new RunRegistered("b", RunId.Parse("bcd"), Settings, 1))
            .Apply(new RunRefused("a", RunId.Parse("abc"), "no such dataset"));

        var again = state.Apply(new RunSubmitted("a", RunId.Parse("cde"), Settings with { Seed = 9 }, 3));

        Assert.Equal(["a", "b"], again.Runs.Select(r => r.Name));
        var run = again.Find("a")!;
        Assert.Equal((RunLifecycle.Preparing, "cde", 9, 3, null), (run.State, run.Id.Value, run.Settings.Seed, run.Priority, run.Refusal));
    }

    [Fact]
    public void Should_cancel_a_run_being_prepared_and_refuse_any_change_to_a_refused_one_saying_why()
    {
        var preparing = RegistryState.Empty.Apply(new RunSubmitted("a", RunId.Parse("abc"), Settings, 1));
        var refused = preparing.Apply(new RunRefused("a", RunId.Parse("abc"), "no such dataset"));

        Assert.Equal(RunLifecycle.Cancelled, RegistryState.Change(preparing.Find("a")!, RunChange.Cancel).Event!.State);
        Assert.Contains("still being prepared", RegistryState.Change(preparing.Find("a")!, RunChange.Pause).Refusal);
        Assert.Equal((null, null), RegistryState.Change(preparing.Find("a")!, RunChange.Resume));
        foreach (var change in Enum.GetValues<RunChange>())
            Assert.Contains("was refused (no such dataset)", RegistryState.Change(refused.Find("a")!, change).Refusal);
    }

    [Theory]
    [InlineData("ok-name", 1, null)]
    [InlineData("", 1, "run name")]
    [InlineData("-leading-dash", 1, "run name")]
    [InlineData("UPPER", 1, "run name")]
    [InlineData("a", 0, "priority 0")]
    [InlineData("a", 1001, "priority 1001")]
    public void Should_check_the_name_and_priority_of_a_submission(string name, int priority, string? refusal)
    {
        var found = new SubmitRun(name, Settings, priority).Refusal();

        if (refusal is null) Assert.Null(found);
        else Assert.Contains(refusal, found);
    }

    [Theory]
    [InlineData(RunLifecycle.Finished, RunLifecycle.Running)]
    [InlineData(RunLifecycle.Running, RunLifecycle.Running)]
    [InlineData(RunLifecycle.Paused, RunLifecycle.Paused)]
    public void Should_raise_a_run_submitted_again_with_more_generations(RunLifecycle from, RunLifecycle to)
    {
        var state = WithRun(from);
        var more = new SubmitRun("a", Settings with { Generations = Settings.Generations + 2 }, 1);

        var raise = RegistryState.Raise(state.Find("a")!, more);

        Assert.Equal(new RunGenerationsRaised("a", RunId.Parse("abc"), Settings.Generations + 2), raise);
        var run = state.Apply(raise!).Find("a")!;
        Assert.Equal(Settings with { Generations = Settings.Generations + 2 }, run.Settings);
        Assert.Equal(to, run.State);
        Assert.Null(RegistryState.Conflict(run, more));
    }

    [Fact]
    public void Should_not_raise_fewer_generations_other_settings_another_priority_or_a_cancelled_run()
    {
        var more = Settings with { Generations = Settings.Generations + 2 };
        var finished = WithRun(RunLifecycle.Finished).Find("a")!;

        Assert.Null(RegistryState.Raise(finished, new SubmitRun("a", Settings with { Generations = Settings.Generations - 1 }, 1)));
        Assert.Null(RegistryState.Raise(finished, new SubmitRun("a", more with { Seed = Settings.Seed + 1 }, 1)));
        Assert.Null(RegistryState.Raise(finished, new SubmitRun("a", more, 2)));
        Assert.Null(RegistryState.Raise(WithRun(RunLifecycle.Cancelled).Find("a")!, new SubmitRun("a", more, 1)));
        // A replayed or stale raise changes nothing.
        var raised = WithRun(RunLifecycle.Finished).Apply(new RunGenerationsRaised("a", RunId.Parse("abc"), Settings.Generations));
        Assert.Equal(RunLifecycle.Finished, raised.Find("a")!.State);
    }
}

using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>The work-pulling protocol, with test probes playing the evaluators.</summary>
public sealed class PopulationLeaseSpecs() : TestKit(SpecConfig.InMemory)
{
    /// <summary>A started run of 2 parents (4 candidates), one episode each, and no local evaluators.</summary>
    private IActorRef StartedPopulation(PopulationOptions? options = null, int generations = 3)
    {
        var population = Sys.ActorOf(PopulationActor.Props("run", options ?? TestRuns.Options, []));
        population.Tell(TestRuns.Start(TestRuns.Settings(generations: generations)));
        ExpectMsg<RunAccepted>(accepted => !accepted.Resumed && accepted.Generation == 0);
        return population;
    }

    private RunStatus Status(IActorRef population)
    {
        population.Tell(GetRunStatus.Instance);
        return ExpectMsg<RunStatus>();
    }

    [Fact]
    public void Should_lease_the_episodes_an_evaluator_asks_for()
    {
        var population = StartedPopulation();
        var evaluator = CreateTestProbe();

        var lease = evaluator.Take(population, 3);

        EpisodeKey[] expected = [new(0, 0, 0), new(0, 1, 0), new(0, 2, 0)];
        Assert.Equal(expected, lease.Episodes.Select(a => a.Key));
        Assert.Equal(new(0, 3, 0), Assert.Single(evaluator.Take(population, 3).Episodes).Key);
    }

    [Fact]
    public void Should_decline_every_offer_while_its_leasing_is_held_and_lease_again_once_the_hold_is_lifted()
    {
        var population = StartedPopulation();
        var evaluator = CreateTestProbe();
        population.Tell(new HoldLeasing(true));
        ExpectMsg<LeasingHeld>(held => held.Held);

        // An offer the scheduler sent before it heard of a pause.
        population.Tell(new OfferWork(evaluator.Ref, 2));

        ExpectMsg<OfferDeclined>(declined => declined.Evaluator.Equals(evaluator.Ref));
        evaluator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        population.Tell(new HoldLeasing(false));
        ExpectMsg<LeasingHeld>(held => !held.Held);
        population.Tell(new OfferWork(evaluator.Ref, 2));
        ExpectMsg<OfferTaken>(taken => taken.Episodes == 2);
        Assert.Equal(2, evaluator.ExpectMsg<WorkLease>().Episodes.Count);
    }

    [Fact]
    public void Should_advance_the_generation_when_every_episode_has_a_result()
    {
        var population = StartedPopulation();
        var evaluator = CreateTestProbe();

        evaluator.Complete(population, 4);

        var status = Status(population);
        Assert.Equal(1, status.Generation);
        Assert.Equal(0, status.EpisodesDoneThisGeneration);
        Assert.Equal(4, status.EpisodesCompleted);
        Assert.Single(status.History);
        Assert.All(evaluator.Take(population, 4).Episodes, a => Assert.Equal(1, a.Key.Generation));
    }

    [Fact]
    public void Should_requeue_episode_when_evaluator_dies()
    {
        var population = StartedPopulation();
        var doomed = CreateTestProbe();
        var survivor = CreateTestProbe();
        var doomedKeys = doomed.Take(population, 2).Episodes.Select(a => a.Key).ToList();
        survivor.Take(population, 4);
        survivor.Send(population, new RequestWork(4));
        survivor.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Sys.Stop(doomed.Ref);

        Assert.Equal(doomedKeys, survivor.ExpectMsg<WorkLease>().Episodes.Select(a => a.Key));
    }

    [Fact]
    public void Should_requeue_episodes_whose_lease_expired()
    {
        var population = StartedPopulation(new PopulationOptions(LeaseTimeout: TimeSpan.FromMilliseconds(300)));
        var silent = CreateTestProbe();
        var waiting = CreateTestProbe();
        var keys = silent.Take(population, 4).Episodes.Select(a => a.Key).ToList();

        waiting.Send(population, new RequestWork(4));

        Assert.Equal(keys, waiting.ExpectMsg<WorkLease>().Episodes.Select(a => a.Key));
    }

    [Fact]
    public void Should_accept_the_result_of_an_expired_lease_once()
    {
        var population = StartedPopulation(new PopulationOptions(LeaseTimeout: TimeSpan.FromMilliseconds(300)));
        var slow = CreateTestProbe();
        var other = CreateTestProbe();
        var assignment = slow.Take(population, 4).Episodes[0];
        other.Send(population, new RequestWork(4));
        Assert.Contains(other.ExpectMsg<WorkLease>().Episodes, a => a.Key == assignment.Key);

        slow.Send(population, TestRuns.Finish(assignment));
        other.Send(population, TestRuns.Finish(assignment));

        Assert.Equal(1, Status(population).EpisodesCompleted);
    }

    [Fact]
    public void Should_accept_a_late_result_after_the_lease_expired()
    {
        // A lease timeout shorter than a batch must not keep a run from ever finishing.
        var population = StartedPopulation(new PopulationOptions(LeaseTimeout: TimeSpan.FromMilliseconds(200)));
        var slow = CreateTestProbe();
        var other = CreateTestProbe();
        var lease = slow.Take(population, 4);
        other.Send(population, new RequestWork(4));
        other.ExpectMsg<WorkLease>(); // the expired episodes, re-leased; this evaluator never reports them

        foreach (var assignment in lease.Episodes) slow.Send(population, TestRuns.Finish(assignment));

        Assert.Equal(1, Status(population).Generation);
    }

    [Fact]
    public void Should_requeue_the_leases_an_evaluator_releases()
    {
        var population = StartedPopulation();
        var restarting = CreateTestProbe();
        var waiting = CreateTestProbe();
        var keys = restarting.Take(population, 4).Episodes.Select(a => a.Key).ToList();
        waiting.Send(population, new RequestWork(4));

        restarting.Send(population, ReleaseLeases.Instance);

        Assert.Equal(keys, waiting.ExpectMsg<WorkLease>().Episodes.Select(a => a.Key));
    }

    [Fact]
    public void Should_answer_a_parked_request_when_the_next_generation_opens()
    {
        var population = StartedPopulation();
        var busy = CreateTestProbe();
        var idle = CreateTestProbe();
        var lease = busy.Take(population, 4);
        idle.Send(population, new RequestWork(2));
        idle.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        foreach (var assignment in lease.Episodes) busy.Send(population, TestRuns.Finish(assignment));

        var next = idle.ExpectMsg<WorkLease>();
        Assert.Equal([new(1, 0, 0), new(1, 1, 0)], next.Episodes.Select(a => a.Key));
    }

    [Fact]
    public void Should_tell_evaluators_when_the_run_is_finished()
    {
        var population = StartedPopulation(generations: 2);
        var worker = CreateTestProbe();
        var parked = CreateTestProbe();
        worker.Complete(population, 4);
        var last = worker.Take(population, 4);
        parked.Send(population, new RequestWork(1));

        foreach (var assignment in last.Episodes) worker.Send(population, TestRuns.Finish(assignment));

        parked.ExpectMsg<NoWorkAvailable>(none => none.RunFinished);
        worker.Send(population, new RequestWork(1));
        worker.ExpectMsg<NoWorkAvailable>(none => none.RunFinished);
        Assert.True(Status(population).Finished);
    }

    [Fact]
    public void Should_push_progress_to_subscribers()
    {
        var population = StartedPopulation();
        var watcher = CreateTestProbe();
        var worker = CreateTestProbe();
        watcher.Send(population, SubscribeProgress.Instance);
        Assert.Equal(0, watcher.ExpectMsg<ProgressUpdate>().EpisodesCompleted);

        worker.Send(population, TestRuns.Finish(worker.Take(population, 1).Episodes[0]));

        Assert.Equal(1, watcher.ExpectMsg<ProgressUpdate>().EpisodesDoneThisGeneration);
    }

    [Fact]
    public void Should_push_only_the_latest_generations_to_subscribers()
    {
        var generations = ProgressUpdate.RecentLimit + 3;
        var population = StartedPopulation(generations: generations);
        var worker = CreateTestProbe();
        for (var g = 0; g < generations; g++) worker.Complete(population, 4);
        var watcher = CreateTestProbe();

        watcher.Send(population, SubscribeProgress.Instance);

        var progress = watcher.ExpectMsg<ProgressUpdate>();
        Assert.True(progress.Finished);
        Assert.Equal(Enumerable.Range(3, ProgressUpdate.RecentLimit).Select(g => (long)g), progress.Recent.Select(h => h.Generation));
        var status = Status(population);
        Assert.Equal(generations, status.History.Count);
        Assert.True(status.HasFullHistory);
        Assert.Equal(status.History.Max(h => h.BestFitness), progress.BestFitness);
    }
}

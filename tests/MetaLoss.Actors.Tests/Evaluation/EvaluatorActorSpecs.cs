using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Tests.Population;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Tests.Evaluation;

/// <summary>One evaluator against a probe playing the population actor.</summary>
public sealed class EvaluatorActorSpecs : TestKit
{
    private static readonly DeviceSlot Slot = new(DeviceKind.Cpu, 0);
    private readonly TestProbe _population;

    public EvaluatorActorSpecs() : base(SpecConfig.Patient) => _population = CreateTestProbe();

    private static EpisodeAssignment Assignment(int candidate)
    {
        var phi = TestRuns.InitialPhi();
        phi[0] += candidate;
        var spec = TestRuns.Settings().Template with
        {
            Loss = new LossSpec.MetaLoss(TestRuns.Architecture, phi),
            TaskSeed = (ulong)candidate + 1,
        };
        return new EpisodeAssignment(new EpisodeKey(0, candidate, 0), spec);
    }

    private IActorRef Evaluator(EpisodeBatchRunnerFactory runner, int batchSize = 1, TimeSpan? reaskWhenIdle = null)
    {
        var evaluator = Sys.ActorOf(EvaluatorActor.Props(Slot, _population.Ref, runner, batchSize, reaskWhenIdle));
        _population.ExpectMsg<RequestWork>(request => request.MaxEpisodes == batchSize);
        return evaluator;
    }

    /// <summary>The results of the next group the evaluator reports.</summary>
    private IReadOnlyList<EpisodeFinished> ExpectGroup() => _population.ExpectMsg<GroupFinished>().Results;

    /// <summary>Fake episodes that record every batch they are given.</summary>
    private sealed class RecordingRunner
    {
        public ConcurrentQueue<IReadOnlyList<EpisodeSpec>> Batches { get; } = new();

        public EpisodeBatchRunnerFactory Factory => _ => specs =>
        {
            Batches.Enqueue(specs.ToList());
            return FakeEpisodes.Batch(specs);
        };
    }

    [Fact]
    public void Should_run_nothing_of_a_lease_for_other_data_and_say_so()
    {
        var runner = new RecordingRunner();
        var run = new DatasetFingerprint(DatasetName.FashionMnistMetaTrain, new string('a', 64));
        DataCheck check = data => DatasetFingerprint.FirstMismatch(data, _ => new DatasetFingerprint(DatasetName.FashionMnistMetaTrain, new string('c', 64)));
        var evaluator = Sys.ActorOf(EvaluatorActor.Props(Slot, _population.Ref, runner.Factory, 1, dataCheck: check));
        _population.ExpectMsg<RequestWork>();
        var mismatches = CreateTestProbe();
        Sys.EventStream.Subscribe(mismatches, typeof(DataMismatch));

        _population.Send(evaluator, TestLeases.OneGroup(Assignment(0)) with { Data = [run] });

        Assert.Contains($"the run's fingerprint is {run.Sha256}", mismatches.ExpectMsg<DataMismatch>().Reason);
        _population.ExpectMsg<ReleaseLeases>();
        _population.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Empty(runner.Batches);
    }

    [Fact]
    public void Should_run_a_lease_as_one_batch_then_ask_for_more_and_report_each_episode()
    {
        var runner = new RecordingRunner();
        var evaluator = Evaluator(runner.Factory, batchSize: 3);
        var lease = TestLeases.OneGroup(Assignment(0), Assignment(1), Assignment(2));

        _population.Send(evaluator, lease);

        // The request goes first, so the next lease is not held up behind the journal writes of these results.
        _population.ExpectMsg<RequestWork>(request => request.MaxEpisodes == 3);
        // The group's results in one message, so the population journals them in one write.
        var results = ExpectGroup();
        Assert.Equal(lease.Episodes.Select(e => e.Key), results.Select(r => r.Key));
        Assert.Equal(lease.Episodes.Select(e => FakeEpisodes.Run(e.Spec).Fitness), results.Select(r => r.Fitness));
        var batch = Assert.Single(runner.Batches);
        Assert.Equal(lease.Episodes.Select(e => e.Spec), batch);
    }

    [Fact]
    public void Should_run_each_group_of_a_lease_as_one_runner_call_then_ask_for_more()
    {
        var runner = new RecordingRunner();
        var evaluator = Evaluator(runner.Factory, batchSize: 3);
        var lease = new WorkLease([new EpisodeGroup([Assignment(0), Assignment(1)]), new EpisodeGroup([Assignment(2)])]);

        _population.Send(evaluator, lease);

        Assert.Equal([0, 1], ExpectGroup().Select(r => r.Key.Candidate));
        // Asked for more only once the lease's last group is done, before reporting it.
        _population.ExpectMsg<RequestWork>(request => request.MaxEpisodes == 3);
        Assert.Equal([2], ExpectGroup().Select(r => r.Key.Candidate));
        Assert.Equal([[lease.Episodes[0].Spec, lease.Episodes[1].Spec], [lease.Episodes[2].Spec]], runner.Batches);
    }

    [Fact]
    public void Should_run_a_lease_that_arrives_during_a_batch_after_it_and_ask_once_both_are_done()
    {
        // A re-sent request can be answered twice: the second lease waits for the slot.
        using var release = new ManualResetEventSlim();
        var batches = new ConcurrentQueue<int>();
        var evaluator = Evaluator(_ => specs =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            batches.Enqueue(specs.Count);
            return FakeEpisodes.Batch(specs);
        }, batchSize: 2);

        _population.Send(evaluator, TestLeases.OneGroup(Assignment(0), Assignment(1)));
        _population.Send(evaluator, TestLeases.OneGroup(Assignment(2)));
        release.Set();

        Assert.Equal([0, 1], ExpectGroup().Select(r => r.Key.Candidate));
        _population.ExpectMsg<RequestWork>();
        Assert.Equal([2], ExpectGroup().Select(r => r.Key.Candidate));
        _population.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal([2, 1], batches);
    }

    [Fact]
    public void Should_wait_quietly_when_no_work_is_available()
    {
        var evaluator = Evaluator(FakeEpisodes.Factory);

        _population.Send(evaluator, new NoWorkAvailable(RunFinished: true));

        _population.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _population.Send(evaluator, TestLeases.OneGroup(Assignment(0)));
        _population.ExpectMsg<RequestWork>();
        ExpectGroup();
    }

    [Fact]
    public void Should_stay_responsive_while_a_batch_runs_on_its_slot_thread()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        string? threadName = null;
        var evaluator = Evaluator(_ => specs =>
        {
            threadName = Thread.CurrentThread.Name;
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return FakeEpisodes.Batch(specs);
        });
        _population.Send(evaluator, TestLeases.OneGroup(Assignment(0)));
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)), "the batch never started");

        // Answered while the batch still blocks its slot thread: the mailbox is not stuck behind it.
        evaluator.Tell(new Identify(42));
        var identity = ExpectMsg<ActorIdentity>();

        Assert.Equal(42, identity.MessageId);
        Assert.Equal(evaluator, identity.Subject);
        _population.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        release.Set();
        _population.ExpectMsg<RequestWork>();
        ExpectGroup();
        Assert.Equal("evaluator-cpu:0", threadName);
    }

    [Fact]
    public void Should_hand_back_its_leases_and_ask_again_after_a_batch_throws()
    {
        var flaky = new FlakyEpisodes(failures: 1);
        var evaluator = Evaluator(flaky.Factory, batchSize: 2);

        _population.Send(evaluator, TestLeases.OneGroup(Assignment(0), Assignment(1)));

        // No result of the failed batch is reported: all of its episodes go back with the lease.
        _population.ExpectMsg<ReleaseLeases>();
        Assert.Equal(evaluator, _population.LastSender);
        _population.ExpectMsg<RequestWork>(request => request.MaxEpisodes == 2);
        Assert.Equal(2, flaky.Incarnations);
        _population.Send(evaluator, TestLeases.OneGroup(Assignment(0), Assignment(1)));
        _population.ExpectMsg<RequestWork>();
        Assert.Equal([Assignment(0).Key, Assignment(1).Key], ExpectGroup().Select(r => r.Key));
    }

    [Fact]
    public void Should_restart_rather_than_report_when_the_runner_returns_too_few_results()
    {
        var evaluator = Evaluator(_ => specs => FakeEpisodes.Batch(specs.Skip(1).ToList()), batchSize: 2);

        _population.Send(evaluator, TestLeases.OneGroup(Assignment(0), Assignment(1)));

        _population.ExpectMsg<ReleaseLeases>();
        _population.ExpectMsg<RequestWork>();
    }

    [Fact]
    public void Should_ask_again_when_a_request_stays_unanswered()
    {
        // A population that moved to another node has forgotten the parked request.
        Evaluator(FakeEpisodes.Factory, reaskWhenIdle: TimeSpan.FromMilliseconds(200));

        _population.ExpectMsg<RequestWork>(TimeSpan.FromSeconds(5));
        _population.ExpectMsg<RequestWork>(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Should_not_ask_again_while_it_runs_leased_work()
    {
        using var release = new ManualResetEventSlim();
        var evaluator = Evaluator(_ => specs =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return FakeEpisodes.Batch(specs);
        }, reaskWhenIdle: TimeSpan.FromMilliseconds(100));

        _population.Send(evaluator, TestLeases.OneGroup(Assignment(0)));

        _population.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        release.Set();
        _population.ExpectMsg<RequestWork>();
        ExpectGroup();
    }

    [Fact]
    public void Should_stop_asking_once_the_run_is_finished()
    {
        var evaluator = Evaluator(FakeEpisodes.Factory, reaskWhenIdle: TimeSpan.FromMilliseconds(100));

        _population.Send(evaluator, new NoWorkAvailable(RunFinished: true));

        _population.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Should_ignore_a_lease_from_anyone_but_the_population()
    {
        var runner = new RecordingRunner();
        var evaluator = Evaluator(runner.Factory);
        var stranger = CreateTestProbe();

        EventFilter.Warning(contains: $"from {stranger.Ref.Path}").ExpectOne(() => stranger.Send(evaluator, TestLeases.OneGroup(Assignment(0))));

        stranger.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _population.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Empty(runner.Batches);
        // Still waiting for its own request's answer.
        _population.Send(evaluator, TestLeases.OneGroup(Assignment(1)));
        _population.ExpectMsg<RequestWork>();
        Assert.Equal([Assignment(1).Key], ExpectGroup().Select(r => r.Key));
    }

    [Fact]
    public void Should_keep_asking_when_a_stranger_says_the_run_is_finished()
    {
        var evaluator = Evaluator(FakeEpisodes.Factory, reaskWhenIdle: TimeSpan.FromMilliseconds(200));
        var stranger = CreateTestProbe();

        stranger.Send(evaluator, new NoWorkAvailable(RunFinished: true));

        _population.ExpectMsg<RequestWork>(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Should_not_restart_for_a_failure_sent_by_another_actor()
    {
        var evaluator = Evaluator(FakeEpisodes.Factory);
        var stranger = CreateTestProbe();

        stranger.Send(evaluator, new Status.Failure(new InvalidOperationException("forged")));

        // A restart would hand leases back and ask again.
        _population.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        _population.Send(evaluator, TestLeases.OneGroup(Assignment(0)));
        _population.ExpectMsg<RequestWork>();
        ExpectGroup();
    }
}

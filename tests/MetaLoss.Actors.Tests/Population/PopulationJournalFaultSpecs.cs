using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Pattern;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Tests.Evaluation;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>
/// Journal faults with the population actor under a backoff supervisor, as the host runs it:
/// a failed write or recovery must not corrupt state, and the run ends as an un-faulted one would.
/// Uses Akka.Persistence.TestKit's test journal directly (its PersistenceTestKit base class lives
/// in the separate Akka.Persistence.TestKit.Xunit2 package).
/// </summary>
public sealed class PopulationJournalFaultSpecs : TestKit
{
    private static readonly RunSettings Settings = TestRuns.Settings(parents: 2, episodes: 2, generations: 3);
    private readonly ITestJournal _journal;

    public PopulationJournalFaultSpecs()
        : base(ConfigurationFactory.ParseString(SpecConfig.Patient)
            .WithFallback(ConfigurationFactory.FromResource<TestJournal>("Akka.Persistence.TestKit.config.conf")))
    {
        _journal = TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null));
    }

    private static Props Population(string id) =>
        PopulationActor.Props(id, TestRuns.Options,
            Enumerable.Range(0, 2).Select(i => EvaluatorActor.Props(new DeviceSlot(DeviceKind.Cpu, i), null, FakeEpisodes.Factory)).ToList());

    private IActorRef Supervised(string id) =>
        Sys.ActorOf(BackoffSupervisor.Props(Backoff.OnStop(Population(id), "population",
            TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), 0, maxNrOfRetries: -1)));

    private async Task<RunStatus> AwaitFinished(IActorRef run)
    {
        RunStatus? status = null;
        // Asks go unanswered while the supervisor waits to restart its child; keep asking.
        await AwaitAssertAsync(async () =>
        {
            status = await run.Ask<RunStatus>(GetRunStatus.Instance, TimeSpan.FromSeconds(1));
            Assert.True(status.Finished);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
        return status!;
    }

    private async Task<RunStatus> Reference()
    {
        var run = Supervised("reference");
        run.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();
        return await AwaitFinished(run);
    }

    [Fact]
    public async Task Should_carry_on_after_a_failed_write_of_a_result()
    {
        var expected = await Reference();
        var fault = new OneFault(e => e is EpisodeCompleted { Generation: 1, Candidate: 2 });
        await _journal.OnWrite.FailIf(fault.Matches);

        var run = Supervised("faulted");
        run.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();

        var actual = await AwaitFinished(run);
        Assert.True(fault.Fired);
        RunAssert.SameRun(expected, actual);
        Assert.Equal(expected.EpisodesCompleted, actual.EpisodesCompleted);
    }

    [Fact]
    public async Task Should_carry_on_after_a_failed_write_that_closes_a_generation()
    {
        var expected = await Reference();
        var fault = new OneFault(e => e is GenerationCompleted { Generation: 0 });
        await _journal.OnWrite.FailIf(fault.Matches);

        var run = Supervised("faulted");
        run.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();

        RunAssert.SameRun(expected, await AwaitFinished(run));
        Assert.True(fault.Fired);
    }

    [Fact]
    public async Task Should_carry_on_after_the_journal_rejects_a_write()
    {
        var expected = await Reference();
        var fault = new OneFault(e => e is GenerationCompleted { Generation: 1 });
        await _journal.OnWrite.RejectIf(fault.Matches);

        var run = Supervised("rejected");
        run.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();

        RunAssert.SameRun(expected, await AwaitFinished(run));
        Assert.True(fault.Fired);
    }

    [Fact]
    public async Task Should_refuse_a_start_it_could_not_write_and_accept_it_once_the_journal_heals()
    {
        var expected = await Reference();
        var run = Supervised("faulted");

        await _journal.OnWrite.Fail();
        run.Tell(TestRuns.Start(Settings));
        Assert.Contains("could not write the run's start to the journal", ExpectMsg<RunRejected>().Reason);
        await _journal.OnWrite.Pass();

        // Nothing was written, so the retried start is a new run, not a resumed one.
        await AwaitAssertAsync(async () =>
                Assert.False((await run.Ask<RunAccepted>(TestRuns.Start(Settings), TimeSpan.FromSeconds(1))).Resumed),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        RunAssert.SameRun(expected, await AwaitFinished(run));
    }

    [Fact]
    public async Task Should_keep_retrying_a_failed_recovery_and_resume_once_the_journal_heals()
    {
        var expected = await Reference();
        var first = Supervised("recovering");
        first.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();
        await AwaitFinished(first);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));

        await _journal.OnRecovery.Fail();
        var second = Supervised("recovering");
        errors.FishForMessage<Error>(e => e.Message?.ToString()?.Contains("replaying events") == true, TimeSpan.FromSeconds(10));
        await _journal.OnRecovery.Pass();

        RunAssert.SameRun(expected, await AwaitFinished(second));
    }
}

using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Tests.Evaluation;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>
/// A journal that keeps failing: the population under the production supervisor is restarted a
/// bounded number of times, then the watch gives up with the last cause (the host exits 5).
/// </summary>
public sealed class JournalGiveUpSpecs : TestKit
{
    private static readonly JournalRetries FastRetries = new(2, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
    private readonly ITestJournal _journal;

    public JournalGiveUpSpecs()
        : base(ConfigurationFactory.ParseString(SpecConfig.Patient)
            .WithFallback(ConfigurationFactory.FromResource<TestJournal>("Akka.Persistence.TestKit.config.conf")))
    {
        _journal = TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null));
    }

    private IActorRef Supervised(string id) =>
        Sys.ActorOf(FastRetries.Supervise(PopulationActor.Props(id, TestRuns.Options,
            [EvaluatorActor.Props(new DeviceSlot(DeviceKind.Cpu, 0), null, FakeEpisodes.Factory)])));

    [Fact]
    public async Task Should_give_up_with_the_last_cause_after_the_configured_restarts()
    {
        var gaveUp = CreateTestProbe();
        Sys.ActorOf(JournalFaultWatch.Props(FastRetries, cause => gaveUp.Ref.Tell(cause)));
        var run = Supervised("failing");
        run.Tell(TestRuns.Start(TestRuns.Settings(generations: 50)));
        ExpectMsg<RunAccepted>();

        await _journal.OnWrite.Fail();

        var cause = gaveUp.ExpectMsg<string>(TimeSpan.FromSeconds(30));
        Assert.Contains("3 failures in a row", cause);
        gaveUp.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Should_not_give_up_on_fewer_failures_than_allowed()
    {
        var gaveUp = CreateTestProbe();
        Sys.ActorOf(JournalFaultWatch.Props(FastRetries, cause => gaveUp.Ref.Tell(cause)));
        var faults = CreateTestProbe();
        Sys.EventStream.Subscribe(faults.Ref, typeof(JournalFault));
        // Armed before the start (it only fails episode results): armed after it, a fast run could
        // journal every result first and never fail.
        var twice = new TwoFaults();
        await _journal.OnWrite.FailIf(twice.Matches);
        var run = Supervised("recovering");
        var settings = TestRuns.Settings(generations: 3);
        run.Tell(TestRuns.Start(settings));
        ExpectMsg<RunAccepted>();

        faults.ExpectMsg<JournalFault>();
        faults.ExpectMsg<JournalFault>();
        await AwaitAssertAsync(async () =>
        {
            var status = await run.Ask<RunStatus>(GetRunStatus.Instance, TimeSpan.FromSeconds(1));
            Assert.True(status.Finished);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        gaveUp.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    /// <summary>Fails the first two writes of episode results, then lets everything through.</summary>
    private sealed class TwoFaults
    {
        private int _left = 2;

        public bool Matches(IPersistentRepresentation write) =>
            write.Payload is EpisodeCompleted && Interlocked.Decrement(ref _left) >= 0;
    }
}

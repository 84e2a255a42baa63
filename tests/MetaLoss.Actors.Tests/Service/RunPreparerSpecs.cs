using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Service;
using MetaLoss.Actors.Tests.Population;

namespace MetaLoss.Actors.Tests.Service;

/// <summary>
/// The registry's preparer, with preparations the spec releases by hand: as many at once as it may,
/// in order, off the thread pool, and cancelled runs dropped or cut short.
/// </summary>
public sealed class RunPreparerSpecs() : TestKit(SpecConfig.Patient)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<(ulong Seed, bool PoolThread)> _begun = new();
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<StartRun>> _release = new();
    private readonly ConcurrentDictionary<ulong, CancellationToken> _tokens = new();

    [Fact]
    public void Should_prepare_one_run_at_a_time_in_the_order_asked_each_on_a_thread_outside_the_pool()
    {
        var preparer = Sys.ActorOf(RunPreparer.Props(Prepare, atOnce: 1));
        var (a, b, c) = (Request("a", 1), Request("b", 2), Request("c", 3));
        foreach (var request in new[] { a, b, c }) preparer.Tell(request);

        AwaitCondition(() => _begun.Count == 1, Wait);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Single(_begun);
        Release(1);
        Assert.Equal(a.Id, ExpectMsg<RunPrepared>(Wait).Id);
        AwaitCondition(() => _begun.Count == 2, Wait);
        Fail(2, "the data do not fit");
        var failed = ExpectMsg<RunPreparationFailed>(Wait);
        Assert.Equal((b.Name, b.Id, "the data do not fit"), (failed.Name, failed.Id, failed.Reason));
        AwaitCondition(() => _begun.Count == 3, Wait);
        Release(3);
        Assert.Equal(c.Id, ExpectMsg<RunPrepared>(Wait).Id);

        Assert.Equal([(1UL, false), (2UL, false), (3UL, false)], _begun);
    }

    [Fact]
    public void Should_prepare_as_many_at_once_as_it_may_and_start_the_next_as_one_ends()
    {
        var preparer = Sys.ActorOf(RunPreparer.Props(Prepare, atOnce: 2));
        foreach (var seed in new ulong[] { 1, 2, 3 }) preparer.Tell(Request($"run-{seed}", seed));

        AwaitCondition(() => _begun.Count == 2, Wait);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(2, _begun.Count);
        Release(2);
        ExpectMsg<RunPrepared>(Wait);
        AwaitCondition(() => _begun.Count == 3, Wait);
        Release(1);
        Release(3);
        ExpectMsg<RunPrepared>(Wait);
        ExpectMsg<RunPrepared>(Wait);
        Assert.Equal([1UL, 2UL, 3UL], _begun.Select(b => b.Seed).Order());
    }

    [Fact]
    public void Should_drop_a_forgotten_run_that_waits_and_cancel_the_one_being_prepared()
    {
        var preparer = Sys.ActorOf(RunPreparer.Props(Prepare, atOnce: 1));
        var (running, waiting, next) = (Request("running", 1), Request("waiting", 2), Request("next", 3));
        foreach (var request in new[] { running, waiting, next }) preparer.Tell(request);
        AwaitCondition(() => _begun.Count == 1, Wait);

        preparer.Tell(new ForgetPreparation(waiting.Id));
        preparer.Tell(new ForgetPreparation(running.Id));
        AwaitCondition(() => _tokens[1].IsCancellationRequested, Wait);
        // The cancelled preparation ends as a failure; the forgotten one never begins.
        _release[1].SetException(new OperationCanceledException(_tokens[1]));
        Assert.Equal(running.Id, ExpectMsg<RunPreparationFailed>(Wait).Id);
        AwaitCondition(() => _begun.Count == 2, Wait);
        Release(3);
        Assert.Equal(next.Id, ExpectMsg<RunPrepared>(Wait).Id);
        Assert.Equal([1UL, 3UL], _begun.Select(b => b.Seed));
    }

    [Fact]
    public void Should_cancel_the_preparation_under_way_when_it_stops()
    {
        var preparer = Sys.ActorOf(RunPreparer.Props(Prepare, atOnce: 1));
        preparer.Tell(Request("under-way", 1));
        AwaitCondition(() => _begun.Count == 1, Wait);
        Assert.False(_tokens[1].IsCancellationRequested);

        Watch(preparer);
        Sys.Stop(preparer);
        ExpectTerminated(preparer, Wait);

        AwaitCondition(() => _tokens[1].IsCancellationRequested, Wait);
        Release(1);
    }

    private static PrepareRun Request(string name, ulong seed) => new(name, RunId.New(), TestRuns.Settings() with { Seed = seed });

    /// <summary>The preparation each spec releases by hand, keyed by the run's seed.</summary>
    private StartRun Prepare(RunSettings settings, CancellationToken cancellation)
    {
        _tokens[settings.Seed] = cancellation;
        var release = _release.GetOrAdd(settings.Seed, _ => new TaskCompletionSource<StartRun>());
        _begun.Enqueue((settings.Seed, Thread.CurrentThread.IsThreadPoolThread));
        return release.Task.GetAwaiter().GetResult();
    }

    private void Release(ulong seed) => _release.GetOrAdd(seed, _ => new()).SetResult(new StartRun(TestRuns.Settings() with { Seed = seed }, []));

    private void Fail(ulong seed, string reason) => _release.GetOrAdd(seed, _ => new()).SetException(new ArgumentException(reason));
}

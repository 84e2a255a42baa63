using MetaLoss.Actors.Messages;
using MetaLoss.Host.Tests.Cluster;

namespace MetaLoss.Host.Tests.Service;

/// <summary>
/// The run registry on a real SQLite journal and real episodes, wired as `serve` wires it: runs are
/// registered once, survive the process, resume by themselves, and end bit-identical to `evolve`.
/// In the cluster collection: like the cluster specs they keep both cores busy, so they run alone.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RunRegistrySpecs
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Should_resume_unfinished_runs_after_a_restart_and_end_bit_identical_to_evolve_whatever_ran_beside()
    {
        // Long enough that the pause lands while it runs: six tiny generations (some 50 ms each) once
        // finished between the poll that saw generation 2 and the pause.
        var evolved = await ServiceRuns.Evolved(seed: 7, SmallRun.ResumedGenerations);
        var settings = ServiceRuns.Submitted(evolved);
        var directory = SmallRun.NewDirectory();
        RunInfo same, beside;
        await using (var service = await ServiceHost.Start(directory))
        {
            // A hundred times as long as "same": it cannot finish before the restart, however long the host takes to stop.
            beside = await service.Submit("beside", settings with { Seed = 99, Generations = settings.Generations * 100 });
            same = await service.Submit("same", settings);
            await service.WaitFor("beside", r => r.State == RunLifecycle.Running && r.EpisodesCompleted > 0, Timeout);
            await service.WaitFor("same", r => r.Generation >= 1, Timeout);
            // Stopping the host takes longer than the rest of the run: paused, "same" is mid-run at the restart.
            Assert.Equal(RunLifecycle.Paused, Assert.IsType<RunInfo>(await service.Ask<IServiceMessage>(new ChangeRun("same", RunChange.Pause))).State);
        }

        // Nothing is submitted again: the registry's journal knows both runs, and each goes on from its own.
        var besideBefore = (await ServiceRuns.State(directory, beside.Id)).EpisodesCompleted;
        await using (var service = await ServiceHost.Start(directory))
        {
            var runs = (await service.Ask<RunList>(ListRuns.Instance)).Runs;
            Assert.Equal(["beside", "same"], runs.Select(r => r.Name));
            Assert.Equal([RunLifecycle.Running, RunLifecycle.Paused], runs.Select(r => r.State));
            Assert.Equal(RunLifecycle.Running, Assert.IsType<RunInfo>(await service.Ask<IServiceMessage>(new ChangeRun("same", RunChange.Resume))).State);
            await service.WaitFor("same", r => r.State == RunLifecycle.Finished, Timeout);
            // The running run went on by itself; cancelled now, it is a run that ended unfinished.
            await service.WaitFor("beside", r => r.EpisodesCompleted > besideBefore, Timeout);
            Assert.Equal(RunLifecycle.Cancelled, Assert.IsType<RunInfo>(await service.Ask<IServiceMessage>(new ChangeRun("beside", RunChange.Cancel))).State);
        }

        ServiceRuns.AssertSameRun(evolved, await ServiceRuns.State(directory, same.Id));

        // Finished and cancelled runs are listed after a restart as they ended, not as runs that never began.
        var ended = new[] { await ServiceRuns.State(directory, beside.Id), await ServiceRuns.State(directory, same.Id) };
        await using (var service = await ServiceHost.Start(directory))
        {
            var runs = await Task.WhenAll(new[] { "beside", "same" }.Select(name => service.WaitFor(name, r => r.EpisodesCompleted > 0, Timeout)));
            Assert.Equal([RunLifecycle.Cancelled, RunLifecycle.Finished], runs.Select(r => r.State));
            Assert.Equal(ended.Select(e => (e.Generation, e.EpisodesCompleted)), runs.Select(r => (r.Generation, r.EpisodesCompleted)));
            Assert.Equal(settings.Generations, runs[1].Generation);
            Assert.All(runs, r => Assert.NotNull(r.BestFitness));
        }
    }

    [Fact]
    public async Task Should_take_the_same_submission_again_and_refuse_other_settings_or_bad_input_without_persisting()
    {
        var settings = ServiceRuns.Small(seed: 5, generations: 2);
        var directory = SmallRun.NewDirectory();
        await using var service = await ServiceHost.Start(directory);
        Task<IServiceMessage> Submit(string name, RunSettings s, int priority = 1) => service.Ask<IServiceMessage>(new SubmitRun(name, s, priority));

        // Answered at once, before the run's slow preparation.
        Assert.IsType<RunPreparing>(await Submit("twice", settings));
        var meanwhile = await Submit("twice", settings);
        var otherSeed = Assert.IsType<SubmitRefused>(await Submit("twice", settings with { Seed = 8 }));
        var otherPriority = Assert.IsType<SubmitRefused>(await Submit("twice", settings, 2));
        var badName = Assert.IsType<SubmitRefused>(await Submit("Bad Name", settings));
        var badPriority = Assert.IsType<SubmitRefused>(await Submit("fine", settings, 0));
        var badSettings = Assert.IsType<SubmitRefused>(await Submit("fine", settings with { Generations = -3 }));
        // More training rows than the dataset has: only its preparation finds out.
        Assert.IsType<RunPreparing>(await Submit("fine", settings with { Template = settings.Template with { PerClassTrain = 100_000 } }));
        var registered = Assert.IsType<RunDetail>(await service.Prepared("twice"));
        var badData = Assert.IsType<SubmitRefused>(await service.Prepared("fine"));
        var again = Assert.IsType<RunExists>(await Submit("twice", settings));

        // Whether the second submission found the first still preparing or registered, it is the same run.
        Assert.True(meanwhile is RunPreparing or RunExists, $"{meanwhile}");
        Assert.Equal(registered.Run.Id, again.Run.Id);
        Assert.True(otherSeed.Conflict);
        Assert.Contains("seed", otherSeed.Reason);
        Assert.True(otherPriority.Conflict);
        Assert.Contains("priority", otherPriority.Reason);
        Assert.False(badName.Conflict);
        Assert.Contains("run name", badName.Reason);
        Assert.Contains("priority 0", badPriority.Reason);
        Assert.Contains("generations must be positive", badSettings.Reason);
        Assert.False(badData.Conflict);
        Assert.Contains("100,000 training images", badData.Reason);
        // Listed as refused, so a client that did not wait for the answer still learns of it.
        var listed = (await service.Ask<RunList>(ListRuns.Instance)).Runs;
        Assert.Equal(["twice", "fine"], listed.Select(r => r.Name));
        Assert.Equal(RunLifecycle.Refused, listed[1].State);
        Assert.Contains("100,000 training images", listed[1].Refusal);
        Assert.Null(listed[0].Refusal);
        Assert.Contains("100,000 training images", Assert.IsType<SubmitRefused>(await service.Ask<IServiceMessage>(new GetRunDetail("fine"))).Reason);
        Assert.Contains("was refused", Assert.IsType<ChangeRefused>(await service.Ask<IServiceMessage>(new ChangeRun("fine", RunChange.Pause))).Reason);
        Assert.IsType<RunNotFound>(await service.Ask<IServiceMessage>(new GetBestMln("fine")));
        Assert.IsType<RunNotFound>(await service.Ask<IServiceMessage>(new GetRunDetail("never-submitted")));

        // The name is free again: a good submission under it takes the refused one's place.
        Assert.IsType<RunPreparing>(await Submit("fine", settings with { Seed = 6 }));
        Assert.IsType<RunDetail>(await service.Prepared("fine"));
        Assert.Equal(["twice", "fine"], (await service.Ask<RunList>(ListRuns.Instance)).Runs.Select(r => r.Name));
    }

    [Fact]
    public async Task Should_list_a_run_while_it_is_prepared_and_prepare_it_again_after_a_restart_cut_its_preparation_short()
    {
        var settings = ServiceRuns.Small(seed: 5, generations: 3);
        var directory = SmallRun.NewDirectory();
        // The first service's preparations never end: it stops while both runs are being prepared.
        using var stopped = new ManualResetEventSlim();
        RunInfo taken;
        await using (var service = await ServiceHost.Start(directory, preparation: _ => (_, _) =>
                     {
                         stopped.Wait();
                         throw new ArgumentException("this service stopped");
                     }))
        {
            Assert.IsType<RunPreparing>(await service.Ask<IServiceMessage>(new SubmitRun("kept", settings, 1)));
            Assert.IsType<RunPreparing>(await service.Ask<IServiceMessage>(new SubmitRun("dropped", settings with { Seed = 6 }, 1)));
            var listed = (await service.Ask<RunList>(ListRuns.Instance)).Runs;
            Assert.Equal([("kept", RunLifecycle.Preparing), ("dropped", RunLifecycle.Preparing)], listed.Select(r => (r.Name, r.State)));
            taken = listed[0];
            Assert.Equal(RunLifecycle.Cancelled,
                Assert.IsType<RunInfo>(await service.Ask<IServiceMessage>(new ChangeRun("dropped", RunChange.Cancel))).State);
        }
        stopped.Set();

        // A preparation that ends well after its run was cancelled (one that does not heed the
        // cancellation) starts nothing.
        using var released = new ManualResetEventSlim();
        var lateBegun = new TaskCompletionSource();
        var lateDone = new TaskCompletionSource();
        await using (var service = await ServiceHost.Start(directory, preparation: prepare => (s, c) =>
                     {
                         if (s.Seed != 7) return prepare(s, c);
                         lateBegun.SetResult();
                         released.Wait();
                         try { return prepare(s, CancellationToken.None); }
                         finally { lateDone.SetResult(); }
                     }))
        {
            Assert.IsType<RunPreparing>(await service.Ask<IServiceMessage>(new SubmitRun("late", settings with { Seed = 7 }, 1)));
            await lateBegun.Task.WaitAsync(Timeout);
            var late = Assert.IsType<RunInfo>(await service.Ask<IServiceMessage>(new ChangeRun("late", RunChange.Cancel)));
            released.Set();
            await lateDone.Task;

            // Nothing was submitted again: the journal had the run, under the same id.
            var registered = Assert.IsType<RunDetail>(await service.Prepared("kept"));
            Assert.Equal(taken.Id, registered.Run.Id);
            var finished = await service.WaitFor("kept", r => r.State == RunLifecycle.Finished, Timeout);
            Assert.Equal(settings.Generations, finished.Generation);
            Assert.Equal(RunLifecycle.Cancelled, (await service.Run("dropped")).State);
            Assert.Equal(RunLifecycle.Cancelled, (await service.Run("late")).State);
            Assert.Null((await ServiceRuns.State(directory, late.Id)).Settings);
        }
    }

    [Fact]
    public async Task Should_journal_pause_and_cancel_keep_them_across_a_restart_and_finish_a_paused_run_once_resumed()
    {
        // Long enough that the pause lands while it runs: a tiny generation takes about 50 ms, so 20
        // of them left only a second between the poll that sees it running and the pause.
        var settings = ServiceRuns.Small(seed: 5, generations: 100);
        var directory = SmallRun.NewDirectory();
        RunInfo paused;
        await using (var service = await ServiceHost.Start(directory))
        {
            await service.Submit("paused", settings);
            await service.Submit("cancelled", settings with { Seed = 6, Generations = 1000 });
            await service.WaitFor("paused", r => r.State == RunLifecycle.Running && r.EpisodesCompleted > 0, Timeout);
            paused = Assert.IsType<RunInfo>(await service.Ask<IServiceMessage>(new ChangeRun("paused", RunChange.Pause)));
            var cancelled = Assert.IsType<RunInfo>(await service.Ask<IServiceMessage>(new ChangeRun("cancelled", RunChange.Cancel)));
            Assert.Equal(RunLifecycle.Paused, paused.State);
            Assert.Equal(RunLifecycle.Cancelled, cancelled.State);
            Assert.IsType<ChangeRefused>(await service.Ask<IServiceMessage>(new ChangeRun("cancelled", RunChange.Resume)));
        }

        await using (var service = await ServiceHost.Start(directory))
        {
            Assert.Equal(RunLifecycle.Paused, (await service.Run("paused")).State);
            Assert.Equal(RunLifecycle.Cancelled, (await service.Run("cancelled")).State);
            var before = await ServiceRuns.Episodes(directory, paused.Id);
            var cancelledBefore = await ServiceRuns.Episodes(directory, (await service.Run("cancelled")).Id);
            // Two of the scheduler's recheck cycles: a paused or cancelled run is never offered a request.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(before, await ServiceRuns.Episodes(directory, paused.Id));
            Assert.Equal(cancelledBefore, await ServiceRuns.Episodes(directory, (await service.Run("cancelled")).Id));

            Assert.Equal(RunLifecycle.Running, Assert.IsType<RunInfo>(await service.Ask<IServiceMessage>(new ChangeRun("paused", RunChange.Resume))).State);
            var finished = await service.WaitFor("paused", r => r.State == RunLifecycle.Finished, Timeout);
            Assert.Equal(settings.Generations, finished.Generation);
            var best = Assert.IsType<BestMln>(await service.Ask<IServiceMessage>(new GetBestMln("paused")));
            var detail = Assert.IsType<RunDetail>(await service.Ask<IServiceMessage>(new GetRunDetail("paused")));
            Assert.Equal(settings.Generations, detail.History.Count);
            Assert.Equal(settings.Architecture.ParameterCount, best.Phi.Length);
            Assert.IsType<ChangeRefused>(await service.Ask<IServiceMessage>(new ChangeRun("paused", RunChange.Cancel)));
        }
    }
}

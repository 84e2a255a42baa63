using System.CommandLine;
using Akka.Actor;
using Akka.Hosting;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Options;
using MetaLoss.Host.Runs;
using MetaLoss.Host.Security;
using MetaLoss.Training;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using MetaLoss.Training.Randomness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaLoss.Host.Commands;

/// <summary>
/// `metaloss evolve --run DIR`: starts a run, or resumes the one whose journal is in DIR. Episodes
/// already persisted are never run again; episodes in flight when the process died are redone.
/// </summary>
public static class EvolveCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var runOptions = new RunOptions();
        var system = new SystemOptions("port to accept cluster members on (default: no networking at all)", joinRequired: false);
        var journalOptions = new JournalOptions();
        var run = new Option<string>("--run") { Description = "run directory (journal, best MLN, CSV); resumed if it holds a journal, with the run's own settings for every option not given (a larger --generations extends it)", Required = true };
        var runId = RunIdOption.Create("with --postgres: the run to resume or, with --join, to stand by for (the id the first `evolve` printed); default: the run directory's, else a new run");

        var command = new Command("evolve", "Evolve a Meta-Loss Network; resumes the run in --run if it exists");
        data.AddTo(command);
        runOptions.AddTo(command);
        system.AddTo(command);
        journalOptions.AddTo(command);
        foreach (var option in new Option[] { run, runId })
            command.Options.Add(option);

        command.SetAction(async (result, cancellation) =>
        {
            var (baseConfig, evaluation, slots, cluster) = system.Read(result, [ClusterSettings.PopulationRole, ClusterSettings.EvaluatorRole]);
            var settings = runOptions.Request(result).ToSettings();
            // Without --batch-size a resumed run keeps its own, which the population checks against the lease cap.
            var unstated = runOptions.Unstated(result);
            if (!unstated.HasFlag(UnstatedSettings.BatchSize) && evaluation.Population.BatchSizeRefusal(settings.BatchSize, "--batch-size") is { } tooLarge)
                throw new ArgumentException(tooLarge);
            var directory = RunDirectory.Open(result.GetValue(run)!, create: true);
            // Declared before the lock, so it runs after the lock is released.
            using var unstarted = new UnstartedRunFolder(directory);
            if (cluster?.Join is not null && !journalOptions.IsShared(result))
                throw new ArgumentException("--join: a joining `evolve` can host the population, so it needs the shared journal; add --postgres " +
                                            "(evaluator-only members use `metaloss node --join`)");
            // One evolve per run directory, before any journal file is looked at.
            using var runLock = RunLock.Take(directory);
            var journal = journalOptions.Read(result, directory);

            TorchThreads.Configure(1);
            // A new run's initial MLN needs no data: it is fitted while the data loads. Only a run
            // directory without a journal is surely new; a shared journal is asked first, as before.
            using var initialMln = journal.PostgreSql || directory.HasJournal ? null : BackgroundInitialMln.Start(settings, cancellation);
            using var catalog = new DatasetCatalog(data.Read(result));
            // A missing or corrupt dataset fails here, before the journal is touched.
            settings = RunData.Fingerprinted(settings, catalog, cancellation);
            cancellation.ThrowIfCancellationRequested();
            // So is a run its data cannot give episodes, or whose first episode throws.
            RunPreflight.Check(catalog, TrialEpisodes.Of(settings));

            var runIdentity = await EvolveJournal.Open(directory, journal, RunIdOption.Read(result, runId), cluster?.Join is not null, cancellation);
            var failures = new HostFailures();
            var halt = new RunHalt();
            var torchWork = new TorchWorkInFlight();
            using var host = BuildHost(new MetalossSystem(baseConfig, evaluation, journal, cluster, failures), slots,
                torchWork.Counting(slot => new BatchedEpisodeRunner(catalog, slot.TorchDevice).Run), runIdentity, RunData.Check(catalog), halt);
            await host.StartAsync(cancellation);
            try
            {
                if (cluster is not null) ClusterAnnouncement.Print(host, cluster);
                return await Evolve(host, directory, journal, settings, initialMln, unstated, runIdentity, failures, halt, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Stopped while starting (fitting the initial MLN, recovering, asking the population).
                StopNotice.Say("\nStopped. Run the same command to resume; episodes in flight will be redone.");
                return 130;
            }
            catch (AskTimeoutException e)
            {
                // The population did not answer while starting: it is recovering from a failing journal, or gone.
                return halt.Task.IsCompleted ? halt.Task.Result.Report() : RunHalt.NoAnswer(e).Report();
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
                torchWork.WaitUntilNoneRun(TimeSpan.FromMinutes(1));
            }
        });
        return command;
    }

    private static int Failed(HostFailures failures)
    {
        Console.Error.WriteLine($"metaloss: {failures.Failed.Result}");
        return 2;
    }

    /// <summary>
    /// Embedded (no cluster settings): the population actor with its evaluators as children, no
    /// networking. Clustered: the population as a singleton on `population` nodes, and this node's
    /// evaluators in their own pool, reaching it through the proxy like any other node's. Those may all
    /// fail while other nodes' evaluators work, so that does not halt this process; a journal that
    /// keeps failing does, in both cases.
    /// </summary>
    private static IHost BuildHost(MetalossSystem system, IReadOnlyList<DeviceSlot> slots, EpisodeBatchRunnerFactory runnerFactory,
        RunId run, DataCheck dataCheck, RunHalt halt) =>
        MetalossHost.Build(system, builder =>
        {
            if (system.Cluster is null)
                builder.ConfigurePopulation(system.Evaluation, slots, runnerFactory, run, halt);
            else
                builder.ConfigurePopulationSingleton(system.Evaluation, run, halt)
                    .ConfigureNodeEvaluators(system.Evaluation, slots, runnerFactory, dataCheck);
        });

    private static async Task<int> Evolve(IHost host, RunDirectory directory, JournalSettings journal, RunSettings settings,
        BackgroundInitialMln? initialMln, UnstatedSettings unstated, RunId run,
        HostFailures failures, RunHalt halt,
        CancellationToken cancellation)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        var population = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<PopulationActor>(cancellation);
        var existing = await failures.Unless(population.Ask<RunStatus>(GetRunStatus.Instance, TimeSpan.FromSeconds(60), cancellation));
        if (existing is null) return Failed(failures);
        var start = (existing.Started ? new StartRun(settings, [])
                : initialMln?.Finish(settings, showProgress: true) ?? InitialMln.Create(settings, showProgress: true, cancellation)) with
        {
            Run = run, Unstated = unstated,
        };
        var answer = await failures.Unless(population.Ask<IPopulationMessage>(start, TimeSpan.FromSeconds(60), cancellation));
        if (answer is null) return Failed(failures);
        if (answer is RunRejected rejected)
        {
            Console.Error.WriteLine($"metaloss: {rejected.Reason}");
            return 2;
        }
        var accepted = (RunAccepted)answer;
        // A resumed run's own settings: what the command left unstated is the journal's.
        settings = accepted.Settings;
        if (accepted.Resumed)
            Console.WriteLine(accepted.Generation >= settings.Generations
                ? $"All {settings.Generations} generations were already done; nothing to resume"
                : $"Resumed at generation {accepted.Generation + 1} of {settings.Generations}");

        var finished = new TaskCompletionSource<ProgressUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new ProgressPrinter(population, finished, halt)), "progress");
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellation.Register(() => stopped.TrySetResult());
        var ended = await Task.WhenAny(finished.Task, stopped.Task, system.WhenTerminated, halt.Task, failures.Failed);
        if (ended == failures.Failed) return Failed(failures);
        if (ended == halt.Task) return halt.Task.Result.Report();
        var removed = ended == system.WhenTerminated && !SignalShutdown.Ended(system);
        if (removed && TlsHandshakeFailure.Explain(system) is { } tls)
        {
            Console.Error.WriteLine($"\nmetaloss: {tls}");
            return 2;
        }
        if (removed)
        {
            Console.Error.WriteLine("\nmetaloss: this process was removed from the cluster (downed, see the log above). " +
                                    "Run the same command to join again; nothing persisted is lost.");
            return 3;
        }
        if (ended != finished.Task)
        {
            StopNotice.Say("\nStopped. Run the same command to resume; episodes in flight will be redone.");
            return 130;
        }
        var status = await FinalStatus(population, journal, run, cancellation);
        RunOutputs.Write(directory, settings, status);
        Console.WriteLine($"Finished {status.History.Count} generations, {status.EpisodesCompleted} episodes. " +
                          $"Best fitness of the last generation {status.History[^1].BestFitness:F4}" +
                          (status.BestValidated is { } best
                              ? $"; best MLN on the meta-validation set {best.Score:F4} (generation {best.Generation + 1}, candidate {best.Candidate})."
                              : "."));
        Console.WriteLine($"Best MLN: {directory.BestMlnFile}; per-generation statistics: {directory.GenerationsCsv}");
        return 0;
    }

    /// <summary>
    /// The finished run's whole status: from the population when it runs in this process; when it
    /// runs on another node its answer holds only the latest generations, and the journal has them all.
    /// </summary>
    private static async Task<RunStatus> FinalStatus(IActorRef population, JournalSettings journal, RunId run, CancellationToken cancellation)
    {
        var status = await population.Ask<RunStatus>(GetRunStatus.Instance, TimeSpan.FromSeconds(60), cancellation);
        return status.HasFullHistory ? status : (await JournalReader.ReadState(journal, run, cancellation)).ToStatus();
    }
}

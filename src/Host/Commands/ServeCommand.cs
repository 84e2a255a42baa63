using System.CommandLine;
using Akka.Actor;
using MetaLoss.Actors.Metrics;
using MetaLoss.Actors.Service;
using MetaLoss.Host.Api;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Options;
using MetaLoss.Host.Runs;
using MetaLoss.Host.Security;
using MetaLoss.Training;
using MetaLoss.Training.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MetaLoss.Host.Commands;

/// <summary>
/// `metaloss serve --data DIR`: the long-lived service. Its run registry keeps every run submitted
/// over HTTP (or `metaloss submit`), one population each, fed by this process's evaluators and every
/// `metaloss node --join`. Killed and started again, it resumes every unfinished run from the journal.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var dataFolder = new Option<string>("--data") { Description = "the service's folder: its journal (journal.db, unless --postgres) and lock", Required = true };
        var datasets = new DataOptions();
        var system = new SystemOptions("port to accept `metaloss node --join` on (default: no networking, local evaluators only)", joinRequired: false);
        var journalOptions = new JournalOptions();
        var http = new HttpOptions();
        var command = new Command("serve", "Run a service that evolves many runs on a shared pool of evaluators, with an HTTP API");
        command.Options.Add(dataFolder);
        datasets.AddTo(command);
        system.AddTo(command);
        journalOptions.AddTo(command);
        http.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var endpoint = http.Read(result);
            var settings = system.Read(result, [ClusterSettings.PopulationRole, ClusterSettings.EvaluatorRole]);
            var directory = RunDirectory.Open(result.GetValue(dataFolder)!, create: true);
            using var folderLock = RunLock.Take(directory);
            var journal = ServiceJournal.Open(directory, journalOptions.Read(result, directory));

            TorchThreads.Configure(1);
            using var catalog = new DatasetCatalog(datasets.Read(result));
            var failures = new HostFailures();
            var halt = new RunHalt();
            var torchWork = new TorchWorkInFlight();
            var service = RunServiceSetup.Create(catalog, settings.Evaluation, settings.Slots, settings.Cluster is not null, torchWork, halt);
            var actorSystem = new MetalossSystem(settings.Config, settings.Evaluation, journal, settings.Cluster, failures);
            await using var app = ApiServer.Build<RunRegistry>(endpoint, ClusterSettings.SystemName,
                builder => builder.ConfigureMetaloss(actorSystem).ConfigureRunService(service), MetaLossMetrics.MeterName);
            await app.StartAsync(cancellation);
            try
            {
                if (settings.Cluster is { } cluster) ClusterAnnouncement.Print(app, cluster);
                Console.WriteLine($"Serving on {string.Join(", ", app.Urls)} ({(endpoint.Token is null ? "no token: loopback only" : "bearer token required")}); " +
                                  $"submit runs with `metaloss submit --server {app.Urls.First()} --name NAME`");
                return await UntilStopped(app.Services.GetRequiredService<ActorSystem>(), failures, halt, cancellation);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                torchWork.WaitUntilNoneRun(TimeSpan.FromMinutes(1));
            }
        });
        return command;
    }

    private static async Task<int> UntilStopped(ActorSystem system, HostFailures failures, RunHalt halt, CancellationToken cancellation)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellation.Register(() => stopped.TrySetResult());
        var ended = await Task.WhenAny(stopped.Task, system.WhenTerminated, failures.Failed, halt.Task);
        if (ended == halt.Task) return halt.Task.Result.Report();
        if (ended == failures.Failed)
        {
            Console.Error.WriteLine($"metaloss: {failures.Failed.Result}");
            return 2;
        }
        if (ended == system.WhenTerminated && !SignalShutdown.Ended(system))
        {
            Console.Error.WriteLine(TlsHandshakeFailure.Explain(system) is { } tls
                ? $"metaloss: {tls}"
                : "metaloss: this process was removed from the cluster (downed, see the log above). Start it again; nothing persisted is lost.");
            return TlsHandshakeFailure.Explain(system) is null ? 3 : 2;
        }
        StopNotice.Say("\nStopped. Start `metaloss serve` again with the same --data to resume every unfinished run.");
        return 130;
    }
}

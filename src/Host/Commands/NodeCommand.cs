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
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaLoss.Host.Commands;

/// <summary>
/// `metaloss node --join HOST:PORT`: an evaluator-only cluster member. Its slots pull episodes from
/// the population singleton wherever it runs; it may join or leave at any time, and what it held
/// when it died goes back to the queue. It ends when the run is finished, (exit 4) when every one
/// of its evaluators has failed, or (exit 2) at its first lease if its data is not the run's (the
/// lease carries the run's dataset fingerprints).
/// </summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var network = new NetworkOptions("port to listen on (default: any free port)", joinRequired: true);
        var devices = new DeviceOptions();
        var config = new Option<string[]>("--config") { Description = "HOCON override, repeatable (defaults in hocon/)", AllowMultipleArgumentsPerToken = false };

        var command = new Command("node", "Join a running evolution as an evaluator node and take episodes until the run is finished");
        data.AddTo(command);
        network.AddTo(command);
        devices.AddTo(command);
        command.Options.Add(config);

        command.SetAction(async (result, cancellation) =>
        {
            var slots = devices.Read(result);
            var baseConfig = AkkaConfiguration.BaseConfig(HoconOverrides.Parse(result.GetValue(config) ?? []));
            var evaluation = EvaluationConfig.Read(baseConfig);
            var cluster = network.Read(result, [ClusterSettings.EvaluatorRole])!;

            TorchThreads.Configure(1);
            using var catalog = new DatasetCatalog(data.Read(result));
            // What `evolve` samples from: a missing dataset fails before joining, and leases compare fingerprints without waiting for a load.
            catalog.Fingerprint(DatasetName.FashionMnistMetaTrain);
            catalog.Fingerprint(DatasetName.FashionMnistMetaValidation);
            var failures = new HostFailures();
            var batches = new BatchesInFlight();
            long ran = 0;
            EpisodeBatchRunner Counted(DeviceSlot slot)
            {
                var runner = new BatchedEpisodeRunner(catalog, slot.TorchDevice);
                return specs =>
                {
                    var episodes = runner.Run(specs);
                    Interlocked.Add(ref ran, episodes.Length);
                    return episodes;
                };
            }

            var halt = new RunHalt();
            using var host = new HostBuilder()
                .ConfigureServices(services => services.AddAkka(ClusterSettings.SystemName, builder => builder
                    .ConfigureBase(baseConfig)
                    .ConfigureFailureWatch(failures)
                    .ConfigureCluster(cluster)
                    .ConfigurePopulationProxy()
                    .ConfigureNodeEvaluators(evaluation, slots, batches.Counting(Counted), RunData.Check(catalog), halt)))
                .Build();
            await host.StartAsync(cancellation);
            try
            {
                ClusterAnnouncement.Print(host, cluster);
                Console.WriteLine($"Evaluator slots: {string.Join(", ", slots)}");
                var outcome = await Serve(host, halt, failures, cancellation);
                var episodes = Interlocked.Read(ref ran);
                switch (outcome)
                {
                    case NodeOutcome.RunFinished:
                        Console.WriteLine($"The run is finished; this node ran {episodes} episodes.");
                        return 0;
                    case NodeOutcome.Refused:
                        Console.Error.WriteLine($"metaloss: {failures.Failed.Result}");
                        return 2;
                    case NodeOutcome.Halted:
                        return halt.Task.Result.Report();
                    case NodeOutcome.Downed when TlsHandshakeFailure.Explain(host.Services.GetRequiredService<ActorSystem>()) is { } tls:
                        Console.Error.WriteLine($"\nmetaloss: {tls}");
                        return 2;
                    case NodeOutcome.Downed:
                        Console.Error.WriteLine($"\nmetaloss: this node was removed from the cluster (downed, or the cluster is gone); it ran {episodes} episodes.");
                        return 3;
                    default:
                        Console.Error.WriteLine($"\nStopped; this node ran {episodes} episodes. Episodes it held go back to the queue.");
                        return 130;
                }
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
                batches.WaitUntilNoneRun(TimeSpan.FromMinutes(1));
            }
        });
        return command;
    }

    /// <summary>Follows the run's progress (printing it) until the run is finished, this node is downed, or Ctrl+C.</summary>
    private static async Task<NodeOutcome> Serve(IHost host, RunHalt halt, HostFailures failures, CancellationToken cancellation)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        var population = host.Services.GetRequiredService<ActorRegistry>().Get<PopulationActor>();
        var finished = new TaskCompletionSource<ProgressUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new ProgressPrinter(population, finished)), "progress");
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellation.Register(() => stopped.TrySetResult());
        var ended = await Task.WhenAny(finished.Task, stopped.Task, system.WhenTerminated, halt.Task, failures.Failed);
        if (ended == failures.Failed) return NodeOutcome.Refused;
        return ended == finished.Task ? NodeOutcome.RunFinished : ended == stopped.Task ? NodeOutcome.Stopped
            : ended == halt.Task ? NodeOutcome.Halted : NodeOutcome.Downed;
    }

    private enum NodeOutcome
    {
        RunFinished,
        Stopped,
        Downed,
        Halted,
        Refused,
    }
}

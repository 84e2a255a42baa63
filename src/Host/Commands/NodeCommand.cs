using System.CommandLine;
using Akka.Actor;
using MetaLoss.Actors.Evaluation;
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
/// whatever the cluster hosts (an `evolve` run, or every active run of a `serve`); it may join or
/// leave at any time, and what it held when it died goes back to the queue. It outlives runs: with
/// no work it idles. It ends when the cluster's host leaves (0: an `evolve` that finished, a `serve`
/// that was stopped), on Ctrl+C/SIGTERM (130), when removed from the cluster (3), when every
/// one of its evaluators has failed (4), at its first lease if its data is not the run's (2), or
/// when it could not join within --join-timeout (2).
/// </summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var system = new SystemOptions("port to listen on (default: any free port)", joinRequired: true);
        var joinTimeout = DurationOption.Create("--join-timeout",
            "give up (exit 2) if the cluster cannot be joined within this long, e.g. 30s or 5m (default: wait until it can)");

        var command = new Command("node", "Join a cluster (`evolve --port` or `serve --port`) as an evaluator node and take episodes until stopped");
        data.AddTo(command);
        system.AddTo(command);
        command.Options.Add(joinTimeout);

        command.SetAction(async (result, cancellation) =>
        {
            var (config, evaluation, slots, cluster) = system.Read(result, [ClusterSettings.EvaluatorRole]);
            var timeout = result.GetValue(joinTimeout);

            TorchThreads.Configure(1);
            using var catalog = new DatasetCatalog(data.Read(result));
            // What runs sample from: a missing dataset fails before joining, and leases compare fingerprints without waiting for a load.
            catalog.Fingerprint(DatasetName.FashionMnistMetaTrain);
            catalog.Fingerprint(DatasetName.FashionMnistMetaValidation);
            var failures = new HostFailures();
            var torchWork = new TorchWorkInFlight();
            var work = new NodeWork();
            var halt = new RunHalt();
            using var host = MetalossHost.Build(new MetalossSystem(config, evaluation, null, cluster!, failures), builder => builder
                .ConfigurePopulationProxy()
                .ConfigureNodeEvaluators(evaluation, slots, torchWork.Counting(work.Counting(slot => new BatchedEpisodeRunner(catalog, slot.TorchDevice).Run)),
                    RunData.Check(catalog), halt));
            work.Joining();
            await host.StartAsync(cancellation);
            try
            {
                ClusterAnnouncement.Print(host, cluster!);
                Console.WriteLine($"Evaluator slots: {string.Join(", ", slots)}");
                var actorSystem = host.Services.GetRequiredService<ActorSystem>();
                var joined = ClusterJoin.TimedOut(actorSystem, cluster!.Join!, timeout);
                var hostLeft = HostDeparture.Watch(actorSystem);
                var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await using var registration = cancellation.Register(() => stopped.TrySetResult());
                var ended = await Task.WhenAny(stopped.Task, actorSystem.WhenTerminated, halt.Task, failures.Failed, joined, hostLeft);
                var episodes = work.Episodes;
                if (ended == failures.Failed)
                {
                    Console.Error.WriteLine($"metaloss: {failures.Failed.Result}");
                    return 2;
                }
                if (ended == halt.Task) return halt.Task.Result.Report();
                if (ended == hostLeft)
                {
                    Console.WriteLine($"The cluster's host left (its run finished, or it was stopped); this node ran {episodes} episodes.");
                    return 0;
                }
                if (ended == joined)
                {
                    Console.Error.WriteLine($"metaloss: could not join the cluster at {cluster.Join} within {DurationOption.Format(timeout!.Value)}: nothing there answered " +
                                            "(is `metaloss serve --port` or `evolve --port` running there, with the same --tls?)");
                    return 2;
                }
                var removed = ended == actorSystem.WhenTerminated && !SignalShutdown.Ended(actorSystem);
                if (removed && TlsHandshakeFailure.Explain(actorSystem) is { } tls)
                {
                    Console.Error.WriteLine($"\nmetaloss: {tls}");
                    return 2;
                }
                if (removed)
                {
                    Console.Error.WriteLine($"\nmetaloss: this node was removed from the cluster (downed, or the cluster is gone); it ran {episodes} episodes.");
                    return 3;
                }
                StopNotice.Say($"\nStopped; this node ran {episodes} episodes. Episodes it held go back to the queue.");
                return 130;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
                torchWork.WaitUntilNoneRun(TimeSpan.FromMinutes(1));
            }
        });
        return command;
    }
}

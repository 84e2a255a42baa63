using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MetaLoss.Actors.Metrics;

/// <summary>
/// The "MetaLoss" meter: what the service's runs and evaluators do, for an exporter to read
/// (`serve` exports it as Prometheus text at /metrics). Actors record; the gauges read values the
/// actors last set, kept here because a gauge is read on the exporter's thread, not an actor's.
/// </summary>
public static class MetaLossMetrics
{
    public const string MeterName = "MetaLoss";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> EpisodesCompleted = Meter.CreateCounter<long>(
        "metaloss.episodes.completed", "{episode}", "Episode results persisted, by run and by the node that ran them");

    private static readonly Histogram<double> EpisodeDuration = Meter.CreateHistogram<double>(
        "metaloss.episode.duration", "s", "Seconds per episode: from the lease's grant to its result, divided by the lease's episodes");

    private static readonly ConcurrentDictionary<string, int> LeasedByRun = new();
    private static readonly ConcurrentDictionary<string, double> BestByRun = new();
    private static int _activeRuns;

    static MetaLossMetrics()
    {
        Meter.CreateObservableGauge("metaloss.leases.pending", () => LeasedByRun.Select(pair => new Measurement<int>(pair.Value, Run(pair.Key))),
            "{episode}", "Episodes leased to evaluators and waiting for their results, by run");
        Meter.CreateObservableGauge("metaloss.runs.active", () => Volatile.Read(ref _activeRuns),
            "{run}", "Runs the scheduler leases from (running, not paused, cancelled or finished)");
        Meter.CreateObservableGauge("metaloss.run.best_fitness", () => BestByRun.Select(pair => new Measurement<double>(pair.Value, Run(pair.Key))),
            "1", "Best fitness of the run's latest finished generation");
    }

    public static void EpisodeCompleted(string run, string node, TimeSpan perEpisode)
    {
        EpisodesCompleted.Add(1, new KeyValuePair<string, object?>("run", run), new KeyValuePair<string, object?>("node", node));
        EpisodeDuration.Record(perEpisode.TotalSeconds, new KeyValuePair<string, object?>("run", run));
    }

    public static void LeasesPending(string run, int episodes) => LeasedByRun[run] = episodes;

    public static void ActiveRuns(int runs) => Volatile.Write(ref _activeRuns, runs);

    public static void BestFitness(string run, double fitness) => BestByRun[run] = fitness;

    /// <summary>A run no process hosts any more (its population stopped): its gauges go.</summary>
    public static void Forget(string run)
    {
        LeasedByRun.TryRemove(run, out _);
        BestByRun.TryRemove(run, out _);
    }

    private static TagList Run(string run) => new() { { "run", run } };
}

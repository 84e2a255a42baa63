using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Subscribes to the population's progress, redraws the progress bar, prints one line per finished
/// generation, and completes <c>finished</c> with the final status; tells <c>halt</c> if every
/// evaluator of the population failed.
/// </summary>
public sealed class ProgressPrinter : ReceiveActor, IWithTimers
{
    // In a cluster the population may move to another node and forget its subscribers: subscribing
    // again now and then is idempotent and keeps the progress coming.
    private static readonly TimeSpan Resubscribe = TimeSpan.FromSeconds(5);

    private readonly DateTime _started = DateTime.UtcNow;
    private long _episodesAtStart = -1;
    private int _linesPrinted;

    public ProgressPrinter(IActorRef population, TaskCompletionSource<RunStatus> finished, RunHalt? halt = null)
    {
        Receive<RunStatus>(status =>
        {
            if (_episodesAtStart < 0) _episodesAtStart = status.EpisodesCompleted;
            foreach (var generation in status.History.Skip(_linesPrinted))
            {
                if (!Console.IsErrorRedirected) Console.Error.Write("\r".PadRight(110) + "\r");
                Console.WriteLine($"generation {generation.Generation + 1,4}/{status.Generations}  best {generation.BestFitness:F4}  " +
                                  $"mean {generation.MeanFitness:F4}  flagged {generation.FlaggedEpisodes}" +
                                  (generation.BestValidationScore is { } validation ? $"  best on meta-validation {validation:F4}" : ""));
            }
            _linesPrinted = status.History.Count;
            if (status.Finished)
            {
                finished.TrySetResult(status);
                return;
            }
            Draw(status);
        });
        Receive<EvaluatorsFailed>(failed => halt?.EvaluatorsFailed(failed));
        Receive<SubscribeProgress>(subscribe => population.Tell(subscribe));
        population.Tell(SubscribeProgress.Instance);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("resubscribe", SubscribeProgress.Instance, Resubscribe);

    private void Draw(RunStatus status)
    {
        if (Console.IsErrorRedirected || status.Generations == 0) return;
        const int width = 24;
        var done = status.Generation + (double)status.EpisodesDoneThisGeneration / Math.Max(1, status.EpisodesPerGeneration);
        var filled = (int)(width * done / status.Generations);
        var rate = (status.EpisodesCompleted - _episodesAtStart) / Math.Max(1e-9, (DateTime.UtcNow - _started).TotalSeconds);
        var best = status.History.Count > 0 ? status.History.Max(h => h.BestFitness) : double.NaN;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('-', width - filled)}] gen {status.Generation + 1}/{status.Generations} " +
                            $"episodes {status.EpisodesDoneThisGeneration}/{status.EpisodesPerGeneration} best {best:F4} {rate:F1} ep/s   ");
    }
}

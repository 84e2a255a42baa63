using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Subscribes to the population's progress, redraws the progress bar, prints one line per finished
/// generation, and completes <see cref="Finished"/> with the final update. Updates carry only the
/// latest generations, so it prints those it has not printed yet. Tells <c>halt</c> if every
/// evaluator of the population failed.
/// </summary>
public sealed class ProgressPrinter : ReceiveActor, IWithTimers
{
    // In a cluster the population may move to another node and forget its subscribers: subscribing
    // again now and then is idempotent and keeps the progress coming.
    private static readonly TimeSpan Resubscribe = TimeSpan.FromSeconds(5);

    private readonly DateTime _started = DateTime.UtcNow;
    private long _episodesAtStart = -1;
    private long _nextLine = -1;

    public ProgressPrinter(IActorRef population, TaskCompletionSource<ProgressUpdate> finished, RunHalt? halt = null)
    {
        Receive<ProgressUpdate>(progress =>
        {
            if (_episodesAtStart < 0) _episodesAtStart = progress.EpisodesCompleted;
            foreach (var generation in progress.Recent.Where(g => g.Generation >= _nextLine))
            {
                if (!Console.IsErrorRedirected) Console.Error.Write("\r".PadRight(110) + "\r");
                Console.WriteLine($"generation {generation.Generation + 1,4}/{progress.Generations}  best {generation.BestFitness:F4}  " +
                                  $"mean {generation.MeanFitness:F4}  flagged {generation.FlaggedEpisodes}" +
                                  (generation.BestValidationScore is { } validation ? $"  best on meta-validation {validation:F4}" : ""));
                _nextLine = generation.Generation + 1;
            }
            if (progress.Finished)
            {
                finished.TrySetResult(progress);
                return;
            }
            Draw(progress);
        });
        Receive<EvaluatorsFailed>(failed => halt?.EvaluatorsFailed(failed));
        Receive<SubscribeProgress>(subscribe => population.Tell(subscribe));
        population.Tell(SubscribeProgress.Instance);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("resubscribe", SubscribeProgress.Instance, Resubscribe);

    private void Draw(ProgressUpdate progress)
    {
        if (Console.IsErrorRedirected || progress.Generations == 0) return;
        const int width = 24;
        var done = progress.Generation + (double)progress.EpisodesDoneThisGeneration / Math.Max(1, progress.EpisodesPerGeneration);
        var filled = (int)(width * done / progress.Generations);
        var rate = (progress.EpisodesCompleted - _episodesAtStart) / Math.Max(1e-9, (DateTime.UtcNow - _started).TotalSeconds);
        Console.Error.Write($"\r[{new string('#', filled)}{new string('-', width - filled)}] gen {progress.Generation + 1}/{progress.Generations} " +
                            $"episodes {progress.EpisodesDoneThisGeneration}/{progress.EpisodesPerGeneration} best {progress.BestFitness ?? double.NaN:F4} {rate:F1} ep/s   ");
    }
}

using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Subscribes to the population's progress, redraws the progress bar on stderr (see
/// <see cref="TerminalProgressBar"/>), prints one line per finished
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
    private TerminalProgressBar? _bar;

    public ProgressPrinter(IActorRef population, TaskCompletionSource<ProgressUpdate> finished, RunHalt? halt = null)
    {
        Receive<ProgressUpdate>(progress =>
        {
            if (_episodesAtStart < 0) _episodesAtStart = progress.EpisodesCompleted;
            var lines = progress.Recent.Where(g => g.Generation >= _nextLine).ToList();
            // The lines (and whatever the command prints when the run ends) take the bar's place.
            if (lines.Count > 0 || progress.Finished) StopBar();
            foreach (var generation in lines)
            {
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

    protected override void PostStop() => StopBar();

    private void StopBar()
    {
        _bar?.Dispose();
        _bar = null;
    }

    private void Draw(ProgressUpdate progress)
    {
        if (progress.Generations == 0) return;
        var done = progress.Generation + (double)progress.EpisodesDoneThisGeneration / Math.Max(1, progress.EpisodesPerGeneration);
        var rate = (progress.EpisodesCompleted - _episodesAtStart) / Math.Max(1e-9, (DateTime.UtcNow - _started).TotalSeconds);
        var text = $"gen {progress.Generation + 1}/{progress.Generations} episodes {progress.EpisodesDoneThisGeneration}/" +
                   $"{progress.EpisodesPerGeneration} best {progress.BestFitness ?? double.NaN:F4} {rate:F1} ep/s";
        _bar ??= TerminalProgressBar.Start(progress.Generations, text, clear: true);
        _bar?.Update(done, text);
    }
}

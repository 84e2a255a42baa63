using Akka.Actor;
using Akka.Pattern;

namespace MetaLoss.Actors.Population;

/// <summary>
/// How long a failing journal is retried. The population stops when its journal fails, and a
/// backoff supervisor starts it again (it recovers from the journal and carries on) after a pause
/// growing from <see cref="MinBackoff"/> to <see cref="MaxBackoff"/>. After <see cref="MaxRestarts"/>
/// restarts in a row, each failing again within <see cref="ResetAfter"/>, the run gives up
/// (<see cref="JournalFaultWatch"/>): a journal that keeps failing (disk full, database gone) ends
/// the process instead of restarting forever.
/// </summary>
public sealed record JournalRetries(int MaxRestarts, TimeSpan MinBackoff, TimeSpan MaxBackoff, TimeSpan ResetAfter)
{
    /// <summary>10 restarts with pauses of 1, 2, 4, 8, 16 and then 30 s: about 3 minutes of retrying.</summary>
    public static JournalRetries Default { get; } = new(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    public void Validate()
    {
        if (MaxRestarts < 0) throw new ArgumentException($"metaloss.journal-retries.max-restarts must not be negative, got {MaxRestarts}");
        if (MinBackoff <= TimeSpan.Zero || MaxBackoff < MinBackoff)
            throw new ArgumentException($"metaloss.journal-retries: min-backoff must be positive and at most max-backoff, got {MinBackoff} and {MaxBackoff}");
        if (ResetAfter <= TimeSpan.Zero) throw new ArgumentException($"metaloss.journal-retries.reset-after must be positive, got {ResetAfter}");
    }

    /// <summary>
    /// The backoff supervisor of <paramref name="population"/>. It restarts without a limit of its
    /// own: the watch on the population's node decides when to give up, which also works where the
    /// supervisor is a cluster singleton that nothing else can watch.
    /// </summary>
    public Props Supervise(Props population) =>
        BackoffSupervisor.Props(Backoff.OnStop(population, "population", MinBackoff, MaxBackoff, 0.2, maxNrOfRetries: -1));
}

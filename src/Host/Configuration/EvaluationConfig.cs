using Akka.Configuration;
using MetaLoss.Actors.Population;

namespace MetaLoss.Host.Configuration;

/// <summary>The `metaloss` section of the configuration, read and checked before the actor system starts.</summary>
public sealed record EvaluationConfig(PopulationOptions Population, int BatchSize, TimeSpan ReaskWhenIdle)
{
    public JournalRetries JournalRetries { get; init; } = JournalRetries.Default;

    public static EvaluationConfig Read(Config config)
    {
        var section = config.GetConfig("metaloss") ?? throw new ArgumentException("configuration has no metaloss section");
        try
        {
            var options = new PopulationOptions(section.GetTimeSpan("lease-timeout"), section.GetInt("snapshot-every-generations"),
                section.GetInt("max-lease-episodes"));
            // Renamed: an old override would otherwise be ignored without a word.
            if (section.HasPath("lease-size"))
                throw new ArgumentException("metaloss.lease-size is now metaloss.batch-size (episodes an evaluator runs as one batch)");
            var batchSize = section.GetInt("batch-size");
            var reaskWhenIdle = section.GetTimeSpan("reask-when-idle");
            if (options.LeaseTimeout <= TimeSpan.Zero) throw new ArgumentException("metaloss.lease-timeout must be positive");
            if (options.SnapshotEveryGenerations <= 0) throw new ArgumentException("metaloss.snapshot-every-generations must be positive");
            if (batchSize <= 0) throw new ArgumentException("metaloss.batch-size must be positive");
            if (options.MaxLeaseEpisodes is <= 0 or > PopulationOptions.MaxLeaseEpisodesLimit)
                throw new ArgumentException($"metaloss.max-lease-episodes must be from 1 to {PopulationOptions.MaxLeaseEpisodesLimit} " +
                                            "(a larger lease may not fit Akka.Remote's 128 KB frame), got " + options.MaxLeaseEpisodes);
            if (reaskWhenIdle <= TimeSpan.Zero) throw new ArgumentException("metaloss.reask-when-idle must be positive");
            var retries = section.GetConfig("journal-retries") ?? throw new ArgumentException("configuration has no metaloss.journal-retries section");
            var journalRetries = new JournalRetries(retries.GetInt("max-restarts"), retries.GetTimeSpan("min-backoff"),
                retries.GetTimeSpan("max-backoff"), retries.GetTimeSpan("reset-after"));
            journalRetries.Validate();
            return new EvaluationConfig(options, batchSize, reaskWhenIdle) { JournalRetries = journalRetries };
        }
        catch (Exception e) when (e is FormatException or ConfigurationException or OverflowException)
        {
            throw new ArgumentException($"configuration section metaloss: {e.Message}");
        }
    }
}

using Akka.Configuration;
using Akka.Configuration.Hocon;
using MetaLoss.Actors.Population;

namespace MetaLoss.Host.Configuration;

/// <summary>The `metaloss` section of the configuration, read and checked before the actor system starts.</summary>
public sealed record EvaluationConfig(PopulationOptions Population, int RequestEpisodes, TimeSpan ReaskWhenIdle)
{
    public JournalRetries JournalRetries { get; init; } = JournalRetries.Default;

    /// <summary>
    /// A batch holds this many classifiers at once (1024 default-sized ones are about 1 GB): far above
    /// where batching stops paying on a CPU, and a ceiling against a typo exhausting memory. Also the
    /// most episodes an evaluator may ask for at once.
    /// </summary>
    public const int MaxBatchSize = 1024;

    private static readonly string[] Keys = ["lease-timeout", "snapshot-every-generations", "max-lease-episodes", "request-episodes", "reask-when-idle", "journal-retries"];

    /// <summary>Old names: an override using one would otherwise be ignored without a word.</summary>
    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["lease-size"] = "metaloss.lease-size is now metaloss.request-episodes (episodes an evaluator asks for at once)",
        ["batch-size"] = "metaloss.batch-size is now a run setting, `evolve --batch-size` (episodes computed together as one batch); " +
                         "how many episodes an evaluator asks for at once is metaloss.request-episodes",
    };

    public static EvaluationConfig Read(Config config)
    {
        var section = config.GetConfig("metaloss") ?? throw new ArgumentException("configuration has no metaloss section");
        foreach (var (key, _) in section.AsEnumerable())
        {
            if (Renamed.TryGetValue(key, out var renamed)) throw new ArgumentException(renamed);
            if (!Keys.Contains(key))
                throw new ArgumentException($"metaloss.{key} is not a setting; metaloss has {string.Join(", ", Keys)}");
        }
        var options = new PopulationOptions(PositiveDuration(section, "lease-timeout"), PositiveWhole(section, "snapshot-every-generations"),
            Whole(section, "max-lease-episodes"));
        if (options.MaxLeaseEpisodes is <= 0 or > PopulationOptions.MaxLeaseEpisodesLimit)
            throw new ArgumentException($"metaloss.max-lease-episodes must be from 1 to {PopulationOptions.MaxLeaseEpisodesLimit} " +
                                        $"(a larger lease may not fit Akka.Remote's 128 KB frame), got {options.MaxLeaseEpisodes}");
        var requestEpisodes = PositiveWhole(section, "request-episodes");
        if (requestEpisodes > MaxBatchSize) throw new ArgumentException($"metaloss.request-episodes must be at most {MaxBatchSize}, got {requestEpisodes}");
        return new EvaluationConfig(options, requestEpisodes, PositiveDuration(section, "reask-when-idle")) { JournalRetries = ReadJournalRetries(section) };
    }

    private static JournalRetries ReadJournalRetries(Config section)
    {
        if (section.GetValue("journal-retries") is not { } value || !value.IsObject())
            throw new ArgumentException("metaloss.journal-retries must be a section (max-restarts, min-backoff, max-backoff, reset-after)");
        var journalRetries = new JournalRetries(Whole(section, "journal-retries.max-restarts"), PositiveDuration(section, "journal-retries.min-backoff"),
            PositiveDuration(section, "journal-retries.max-backoff"), PositiveDuration(section, "journal-retries.reset-after"));
        journalRetries.Validate();
        return journalRetries;
    }

    private static TimeSpan PositiveDuration(Config section, string key)
    {
        var value = Value(section, key);
        TimeSpan duration;
        try
        {
            duration = value.GetTimeSpan(allowInfinite: false);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentException($"metaloss.{key} = {value}: not a duration; use a positive one such as 30s or 2m");
        }
        if (duration <= TimeSpan.Zero) throw new ArgumentException($"metaloss.{key} must be positive, got {value}");
        return duration;
    }

    private static int PositiveWhole(Config section, string key)
    {
        var number = Whole(section, key);
        if (number <= 0) throw new ArgumentException($"metaloss.{key} must be positive, got {number}");
        return number;
    }

    private static int Whole(Config section, string key)
    {
        var value = Value(section, key);
        try
        {
            return value.GetInt();
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"metaloss.{key} = {value}: not a whole number; use a positive one such as 5");
        }
    }

    private static HoconValue Value(Config section, string key)
    {
        if (section.GetValue(key) is not { } value || value.IsObject() || value.IsArray())
            throw new ArgumentException($"metaloss.{key} must be set to a single value");
        if (string.IsNullOrWhiteSpace(value.GetString())) throw new ArgumentException($"metaloss.{key} has no value");
        return value;
    }
}

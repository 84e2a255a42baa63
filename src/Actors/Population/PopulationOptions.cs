namespace MetaLoss.Actors.Population;

/// <summary>
/// How the population actor runs, as opposed to what the run is (RunSettings).
/// <paramref name="MaxLeaseEpisodes"/> caps one lease, so a lease always fits a remoting frame.
/// </summary>
public sealed record PopulationOptions(
    TimeSpan LeaseTimeout,
    int SnapshotEveryGenerations = 10,
    int MaxLeaseEpisodes = PopulationOptions.DefaultMaxLeaseEpisodes)
{
    /// <summary>The default of metaloss.max-lease-episodes (hocon/evolution.conf says why).</summary>
    public const int DefaultMaxLeaseEpisodes = 64;

    /// <summary>The largest lease that still fits Akka.Remote's default 128 KB frame with room to spare (hocon/evolution.conf).</summary>
    public const int MaxLeaseEpisodesLimit = 200;

    public static PopulationOptions Default { get; } = new(TimeSpan.FromMinutes(2));

    /// <summary>Episodes to lease for a request of <paramref name="asked"/>: at least one, at most the cap.</summary>
    public int LeaseSize(int asked) => Math.Clamp(asked, 1, MaxLeaseEpisodes);

    /// <summary>
    /// A group is leased whole, so a run's batch size must fit one lease: null when it does, else why
    /// not. <paramref name="name"/> names the setting as the user gave it.
    /// </summary>
    public string? BatchSizeRefusal(int batchSize, string name = "the run's batch size") =>
        batchSize <= MaxLeaseEpisodes
            ? null
            : $"{name} {batchSize} is more than one lease may hold (metaloss.max-lease-episodes = {MaxLeaseEpisodes}): " +
              $"a group of episodes is computed together, so it is leased whole; use at most {MaxLeaseEpisodes} or raise the cap (up to {MaxLeaseEpisodesLimit})";
}

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

    /// <summary>The run's name in metrics (the service's run name); null for the run id.</summary>
    public string? MetricsName { get; init; }

    /// <summary>Episodes to lease for a request of <paramref name="asked"/>: at least one, at most the cap.</summary>
    public int LeaseSize(int asked) => Math.Clamp(asked, 1, MaxLeaseEpisodes);
}

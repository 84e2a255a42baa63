namespace MetaLoss.Actors.Population;

/// <summary>How the population actor runs, as opposed to what the run is (RunSettings).</summary>
public sealed record PopulationOptions(
    TimeSpan LeaseTimeout,
    int SnapshotEveryGenerations = 10)
{
    public static PopulationOptions Default { get; } = new(TimeSpan.FromMinutes(2));
}

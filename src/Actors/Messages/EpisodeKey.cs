namespace MetaLoss.Actors.Messages;

/// <summary>Identifies one episode of a run; results are idempotent per key.</summary>
public readonly record struct EpisodeKey(long Generation, int Candidate, int Episode)
{
    public override string ToString() => $"g{Generation}/c{Candidate}/e{Episode}";
}

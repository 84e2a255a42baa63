namespace MetaLoss.Actors.Messages;

/// <summary>
/// Identifies one episode of a run; results are idempotent per key. A meta-validation episode
/// (<paramref name="MetaValidation"/>) re-scores a candidate on the run's fixed held-out set.
/// </summary>
public readonly record struct EpisodeKey(long Generation, int Candidate, int Episode, bool MetaValidation = false)
{
    public override string ToString() => $"g{Generation}/c{Candidate}/{(MetaValidation ? "v" : "e")}{Episode}";
}

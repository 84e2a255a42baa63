namespace MetaLoss.Actors.Population;

/// <summary>
/// Published on the event stream when the population cannot replay its journal: the corrupt event's
/// sequence number, or none when its snapshot is the corrupt part. The host reports it and exits
/// instead of letting the supervisor restart it forever. Local only, never sent to another node.
/// </summary>
public sealed record PopulationRecoveryFailed(string PersistenceId, long? SequenceNr, string Reason)
{
    public override string ToString() =>
        (SequenceNr is { } sequenceNr ? $"event {sequenceNr} of {PersistenceId} is corrupt" : $"the snapshot of {PersistenceId} is corrupt") +
        $" ({Reason}); the run cannot resume";
}

namespace MetaLoss.Actors.Population;

/// <summary>
/// Published on the event stream when the population cannot replay its journal (a corrupt event or
/// snapshot): the host reports it and exits instead of letting the supervisor restart it forever.
/// Local only, never sent to another node.
/// </summary>
public sealed record PopulationRecoveryFailed(string PersistenceId, long SequenceNr, string Reason)
{
    public override string ToString() =>
        $"the journal's event {SequenceNr} of {PersistenceId} cannot be read ({Reason}); the run cannot resume past it";
}

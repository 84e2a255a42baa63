using Akka.Actor;
using Akka.Persistence;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>Replays a population's journal from its first event (no snapshot) and answers any string with the state the events build.</summary>
public sealed class JournalReplay : ReceivePersistentActor
{
    private PopulationState _state = PopulationState.Empty;

    public JournalReplay(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<IPopulationEvent>(e => _state = _state.Apply(e));
        Command<string>(_ => Sender.Tell(_state));
    }

    public override string PersistenceId { get; }

    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);
}

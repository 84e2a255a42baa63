using Akka.Actor;
using Akka.Persistence;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>Replays a population's journal and answers any string with its event count per event type name.</summary>
public sealed class JournalEventCounter : ReceivePersistentActor
{
    private readonly Dictionary<string, int> _counts = [];

    public JournalEventCounter(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<IPopulationEvent>(e => _counts[e.GetType().Name] = _counts.GetValueOrDefault(e.GetType().Name) + 1);
        Command<string>(_ => Sender.Tell(new Dictionary<string, int>(_counts)));
    }

    public override string PersistenceId { get; }
}

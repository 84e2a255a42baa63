using Akka.Actor;
using Akka.Persistence;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>Replays a population's journal and answers any string with how many EpisodeCompleted events it holds.</summary>
public sealed class EpisodeEventCounter : ReceivePersistentActor
{
    private int _count;

    public EpisodeEventCounter(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<EpisodeCompleted>(_ => _count++);
        Command<string>(_ => Sender.Tell(_count));
    }

    public override string PersistenceId { get; }
}

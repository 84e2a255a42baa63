using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Service;

/// <summary>The service's registry of runs (being built: answers with no runs for now).</summary>
public sealed class RunRegistry : ReceiveActor
{
    public RunRegistry()
    {
        Receive<ListRuns>(_ => Sender.Tell(new RunList([])));
        Receive<SubmitRun>(_ => Sender.Tell(new SubmitRefused("the registry does not take runs yet", Conflict: false)));
        Receive<GetRunDetail>(m => Sender.Tell(new RunNotFound(m.Name)));
        Receive<GetBestMln>(m => Sender.Tell(new RunNotFound(m.Name)));
        Receive<ChangeRun>(m => Sender.Tell(new RunNotFound(m.Name)));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new RunRegistry());
}

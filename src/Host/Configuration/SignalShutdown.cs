using Akka.Actor;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// Ctrl+C and SIGTERM reach two handlers: the command's token, and Akka's own shutdown hook, which
/// runs coordinated shutdown with ClrExitReason. The handler registered last runs first, so either
/// can end a command's wait; an actor system ended for that reason is the stop the user asked for,
/// not a removal from the cluster.
/// </summary>
public static class SignalShutdown
{
    public static bool Ended(ActorSystem system) =>
        system.WhenTerminated.IsCompleted && CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClrExitReason;
}

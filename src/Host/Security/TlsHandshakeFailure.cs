using Akka.Actor;

namespace MetaLoss.Host.Security;

/// <summary>
/// Akka.Remote shuts the whole actor system down when a TLS handshake it started fails: the peer's
/// certificate was refused here, or ours there. That is not being downed, and it is said so.
/// </summary>
public static class TlsHandshakeFailure
{
    // Akka's reason type is internal, so it is recognised by name.
    private const string ReasonType = "TlsHandshakeFailureReason";

    /// <summary>The line to print when the system stopped because of a failed TLS handshake; null otherwise.</summary>
    public static string? Explain(ActorSystem system) =>
        CoordinatedShutdown.Get(system).ShutdownReason is { } reason && reason.GetType().Name == ReasonType
            ? $"{reason}: this process and the cluster do not hold certificates from the same CA (see the log above); " +
              "every member needs --tls with the node/ folder the cluster was started with"
            : null;
}

using Akka.Actor;
using Akka.Event;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// Akka's log on standard output, without the transport's retry chatter: while a member to join
/// cannot be reached, remoting warns every 5 s that the address is gated and the cluster that it
/// will try the seed nodes again, forever. The command says that once, in its own words
/// (ClusterJoin); everything else is printed as Akka prints it. Set as akka.loggers in hocon/akka.conf.
/// </summary>
public sealed class QuietTransportLogger : ReceiveActor
{
    private static readonly string[] Retries =
    [
        "Tried to associate with unreachable remote address",
        "Couldn't join seed nodes after",
    ];

    public QuietTransportLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            if (!IsRetry(e)) Console.Out.WriteLine(e.ToString());
        });
    }

    public static bool IsRetry(LogEvent e) =>
        e.LogLevel() == LogLevel.WarningLevel && e.Message?.ToString() is { } text && Retries.Any(retry => text.Contains(retry, StringComparison.Ordinal));
}

using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Population;

/// <summary>
/// Hears the journal faults the population on this node publishes (each stops it, and its
/// supervisor restarts it) and gives up after <see cref="JournalRetries.MaxRestarts"/> restarts in
/// a row: it tells <c>gaveUp</c> the last cause, once. A fault more than
/// <see cref="JournalRetries.ResetAfter"/> after the previous one starts the count again.
/// </summary>
public sealed class JournalFaultWatch : ReceiveActor
{
    private int _inARow;
    private DateTime _lastFault = DateTime.MinValue;

    public JournalFaultWatch(JournalRetries retries, Action<string> gaveUp)
    {
        Receive<JournalFault>(fault =>
        {
            var now = DateTime.UtcNow;
            _inARow = now - _lastFault > retries.ResetAfter ? 1 : _inARow + 1;
            _lastFault = now;
            if (_inARow <= retries.MaxRestarts) return;
            gaveUp($"{fault.Cause} ({_inARow} failures in a row)");
            Context.Stop(Self);
        });
    }

    public static Props Props(JournalRetries retries, Action<string> gaveUp) =>
        Akka.Actor.Props.Create(() => new JournalFaultWatch(retries, gaveUp));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(JournalFault));
}

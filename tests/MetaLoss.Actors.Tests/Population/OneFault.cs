using Akka.Persistence;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>A test-journal predicate that matches only the first write whose event <paramref name="matches"/>.</summary>
public sealed class OneFault(Func<object, bool> matches)
{
    private int _fired;

    public bool Fired => Volatile.Read(ref _fired) == 1;

    public bool Matches(IPersistentRepresentation write) =>
        matches(write.Payload) && Interlocked.Exchange(ref _fired, 1) == 0;
}

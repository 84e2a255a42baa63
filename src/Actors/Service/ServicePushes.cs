using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Service;

/// <summary>
/// The registry's subscribers and what they were last told: state changes go out at once, progress
/// at most once per <c>interval</c> per run (the latest wins), and each finished generation once.
/// </summary>
public sealed class ServicePushes(TimeSpan interval)
{
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly Dictionary<string, DateTime> _lastPushed = [];
    private readonly HashSet<string> _dirty = [];
    private readonly Dictionary<string, long> _nextGeneration = [];

    public void Subscribe(IActorRef subscriber) => _subscribers.Add(subscriber);

    public void Unsubscribe(IActorRef subscriber) => _subscribers.Remove(subscriber);

    public void Push(object message)
    {
        foreach (var subscriber in _subscribers) subscriber.Tell(message);
    }

    /// <summary>A state change: told now.</summary>
    public void PushNow(RunStateChanged changed)
    {
        _lastPushed[changed.Run.Name] = DateTime.UtcNow;
        _dirty.Remove(changed.Run.Name);
        Push(changed);
    }

    /// <summary>Progress: told now unless the run was told of less than an interval ago; then at the next <see cref="Flush"/>.</summary>
    public void Changed(RunInfo run)
    {
        if (DateTime.UtcNow - _lastPushed.GetValueOrDefault(run.Name, DateTime.MinValue) >= interval) PushNow(new RunStateChanged(run));
        else _dirty.Add(run.Name);
    }

    public void Flush(Func<string, RunInfo?> info)
    {
        foreach (var name in _dirty.ToList())
            if (info(name) is { } run) PushNow(new RunStateChanged(run));
        _dirty.Clear();
    }

    /// <summary>
    /// The generations of <paramref name="recent"/> not told yet. The first progress seen from a run
    /// (also after the registry restarted) only sets the mark: its generations were told before, or
    /// are in the run's detail.
    /// </summary>
    public IReadOnlyList<GenerationSummary> NewGenerations(string run, IReadOnlyList<GenerationSummary> recent)
    {
        var next = recent.Count == 0 ? 0 : recent[^1].Generation + 1;
        if (!_nextGeneration.TryGetValue(run, out var told))
        {
            _nextGeneration[run] = next;
            return [];
        }
        _nextGeneration[run] = Math.Max(told, next);
        return [.. recent.Where(g => g.Generation >= told)];
    }
}

namespace MetaLoss.Actors.Service;

/// <summary>
/// Which run gets the next lease: stride scheduling. Each run's pass grows by the episodes leased to
/// it divided by its priority, and the run with work and the lowest pass is served first, so runs
/// that have work get episodes in proportion to their priorities. A run that arrives starts from
/// the lowest pass of the runs with work: it gets its share from then on, without catching up on
/// what the others had before it. A run that had no work for a while (the end of each generation,
/// while its last results come in) catches up on at most <see cref="MaxCatchUp"/>: without that, a
/// run of priority 2, whose generations end twice as often, measured 1.69 times the episodes of a
/// run of priority 1 instead of 2. The scheduler actor owns it.
/// </summary>
public sealed class FairShare
{
    /// <summary>
    /// How far behind the others (in episodes per unit of priority) an idle run may fall and still
    /// make it up: a few generations' ends, not a long pause's worth that would then crowd others out.
    /// </summary>
    public const double MaxCatchUp = 200;

    private readonly Dictionary<string, Share> _runs = [];
    private double _lastServed;

    public bool Contains(string run) => _runs.ContainsKey(run);

    public int Count => _runs.Count;

    public void Add(string run, int priority)
    {
        if (priority < 1) throw new ArgumentOutOfRangeException(nameof(priority), priority, "a run's priority is at least 1");
        _runs[run] = new Share(priority, VirtualTime(), HasWork: true);
    }

    public void Remove(string run) => _runs.Remove(run);

    /// <summary>The run said it has nothing to lease now.</summary>
    public void Idle(string run)
    {
        if (_runs.TryGetValue(run, out var share)) _runs[run] = share with { HasWork = false };
    }

    /// <summary>The run may have work again (it said so, or it is time to ask it again).</summary>
    public void Woke(string run)
    {
        if (_runs.TryGetValue(run, out var share) && !share.HasWork)
            _runs[run] = share with { HasWork = true, Pass = Math.Max(share.Pass, VirtualTime() - MaxCatchUp) };
    }

    public void WakeAll()
    {
        foreach (var run in _runs.Keys.ToList()) Woke(run);
    }

    /// <summary>The run with work and the lowest pass, leaving out <paramref name="tried"/>; null when none has work.</summary>
    public string? Next(IReadOnlySet<string> tried) =>
        _runs.Where(pair => pair.Value.HasWork && !tried.Contains(pair.Key))
            .OrderBy(pair => pair.Value.Pass)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key)
            .FirstOrDefault();

    public void Leased(string run, int episodes)
    {
        if (!_runs.TryGetValue(run, out var share)) return;
        _lastServed = share.Pass;
        _runs[run] = share with { Pass = share.Pass + (double)episodes / share.Priority };
    }

    private double VirtualTime()
    {
        var busy = _runs.Values.Where(share => share.HasWork).Select(share => share.Pass).ToList();
        return busy.Count > 0 ? busy.Min() : _lastServed;
    }

    private sealed record Share(int Priority, double Pass, bool HasWork);
}

namespace MetaLoss.Actors.Service;

/// <summary>
/// Why the latest submissions whose preparation failed were refused, by run name, so that a client
/// told "preparing" can learn the reason. Held in memory only (nothing was registered, so nothing is
/// journaled) and bounded, oldest forgotten first, so that a stream of bad submissions cannot grow it.
/// </summary>
public sealed class RefusedSubmissions
{
    public const int Capacity = 256;

    // Oldest first; at most Capacity names, so the linear searches cost nothing next to a submission.
    private readonly List<(string Name, string Reason)> _refusals = [];

    public void Remember(string name, string reason)
    {
        Forget(name);
        _refusals.Add((name, reason));
        if (_refusals.Count > Capacity) _refusals.RemoveAt(0);
    }

    /// <summary>A new submission under the name starts afresh.</summary>
    public void Forget(string name) => _refusals.RemoveAll(r => r.Name == name);

    public string? Reason(string name) => _refusals.FindLast(r => r.Name == name).Reason;
}

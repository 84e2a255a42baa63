namespace MetaLoss.Host;

/// <summary>
/// A progress bar on stderr for long work, with the work's label, count and rate (see
/// <see cref="TerminalProgressBar"/>: nothing when stderr is not a terminal); the finished bar
/// stays on a line of its own above the caller's summary lines. The rate counts from
/// <paramref name="started"/> (default: now), for work that began before its bar.
/// </summary>
public sealed class ConsoleProgress(string label, int total, DateTime? started = null) : IDisposable
{
    private readonly DateTime _started = started ?? DateTime.UtcNow;
    private readonly TerminalProgressBar? _bar = TerminalProgressBar.Start(Math.Max(1, total), label, clear: false);

    /// <summary>May be called from several threads at once.</summary>
    public void Report(int done)
    {
        if (_bar is null) return;
        var rate = done / Math.Max(1e-9, (DateTime.UtcNow - _started).TotalSeconds);
        _bar.Update(done, $"{label} {done}/{total} {rate:F1}/s");
        if (done >= total) _bar.Dispose();
    }

    public void Dispose() => _bar?.Dispose();
}

namespace MetaLoss.Host;

/// <summary>
/// A one-line progress bar on stderr for long work, redrawn at most a few times a second; when
/// stderr is not a terminal it prints nothing but the caller's own summary lines.
/// </summary>
public sealed class ConsoleProgress(string label, int total)
{
    private readonly object _gate = new();
    private readonly DateTime _started = DateTime.UtcNow;
    private DateTime _lastDrawn = DateTime.MinValue;

    public void Report(int done, string detail = "")
    {
        if (Console.IsErrorRedirected) return;
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (done < total && now - _lastDrawn < TimeSpan.FromMilliseconds(200)) return;
            _lastDrawn = now;
            const int width = 30;
            var filled = total > 0 ? (int)(width * (double)done / total) : width;
            var rate = done / Math.Max(1e-9, (now - _started).TotalSeconds);
            Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('-', width - filled)}] {done}/{total} {rate:F1}/s {detail}".PadRight(100));
            if (done >= total) Console.Error.WriteLine();
        }
    }
}

using Spectre.Console;

namespace MetaLoss.Host;

/// <summary>
/// One progress bar on stderr, drawn in place by Spectre.Console, and only while stderr is a
/// terminal: <see cref="Start"/> gives null when stderr is redirected, so logs get no bar at all.
/// Disposing ends the display: it keeps the last drawing on a line of its own, or with
/// <c>clear</c> erases it so that the lines printed next take its place.
/// </summary>
public sealed class TerminalProgressBar : IDisposable
{
    // Progress can come per episode and a redraw costs about 2 ms: at most 5 redraws a second keep
    // the bar well under 1% of a core. The last state is always drawn when the display ends.
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);

    private readonly object _gate = new();
    private readonly TaskCompletionSource _stop = new();
    private readonly ProgressContext _context;
    private readonly ProgressTask _task;
    private readonly Task _display;
    private DateTime _lastDrawn = DateTime.MinValue;
    private bool _stopped;

    private TerminalProgressBar(double maxValue, string text, bool clear)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            // stderr is a terminal: redraw in place even where TERM does not say so, as the bar always has.
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        var started = new TaskCompletionSource<(ProgressContext, ProgressTask)>();
        _display = new Progress(console)
            // Redrawn by Update, not by Spectre's own thread: no thread to outlive a display stopped as soon as it started.
            .AutoRefresh(false)
            .AutoClear(clear)
            .ExcludeVerticalPadding()
            .Columns(new ProgressBarColumn { Width = 30 }, new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(context =>
            {
                started.SetResult((context, context.AddTask(Markup.Escape(text), maxValue: maxValue)));
                return _stop.Task;
            });
        // The display calls back at once; if it failed instead, its exception surfaces here.
        if (Task.WhenAny(started.Task, _display).GetAwaiter().GetResult() != started.Task) _display.GetAwaiter().GetResult();
        (_context, _task) = started.Task.Result;
        // The display hides the cursor: show it again even if the process ends without disposing the bar.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>A bar from 0 to <paramref name="maxValue"/> with <paramref name="text"/> (plain, not empty) beside it.</summary>
    public static TerminalProgressBar? Start(double maxValue, string text, bool clear) =>
        Console.IsErrorRedirected ? null : new TerminalProgressBar(maxValue, text, clear);

    /// <summary>Moves the bar to <paramref name="value"/> with <paramref name="text"/> (plain) beside it. Thread-safe.</summary>
    public void Update(double value, string text)
    {
        lock (_gate)
        {
            if (_stopped) return;
            _task.Description = Markup.Escape(text);
            _task.Value = value;
            var now = DateTime.UtcNow;
            if (now - _lastDrawn < RedrawInterval) return;
            _lastDrawn = now;
            _context.Refresh();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _stop.TrySetResult();
        _display.GetAwaiter().GetResult();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}

using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Runs;

/// <summary>
/// A new run's initial MLN, fitted on a thread of its own from the moment the run's settings are
/// known. The fit needs the run's seed and MLN, not its data, so `evolve` and the service load and
/// check the data meanwhile instead of one after the other; the fit's bits do not depend on what
/// runs beside it (one intra-op thread, its own seeded streams). Disposing stops an unfinished fit at
/// its next step and waits for it, so no torch work outlives a start that failed.
/// </summary>
public sealed class BackgroundInitialMln : IDisposable
{
    private readonly RunSettings _settings;
    private readonly CancellationTokenSource _stop;
    private readonly Task<(float[] Phi, InitialFit Fit, TimeSpan Took)> _fit;
    private readonly DateTime _started = DateTime.UtcNow;
    private ConsoleProgress? _progress;
    private int _stepsDone;

    private BackgroundInitialMln(RunSettings settings, CancellationToken cancellation)
    {
        _settings = settings;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var stop = _stop.Token;
        _fit = Task.Factory.StartNew(() => InitialMln.Compute(settings, StepDone, stop), stop, TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>Starts fitting <paramref name="settings"/>'s initial MLN; a cancelled <paramref name="cancellation"/> stops it.</summary>
    public static BackgroundInitialMln Start(RunSettings settings, CancellationToken cancellation) => new(settings, cancellation);

    /// <summary>The fit's steps done so far (0 for a start that is only rescaled).</summary>
    public int StepsDone => Volatile.Read(ref _stepsDone);

    /// <summary>
    /// Waits for the fit and gives the run's start. <paramref name="settings"/> may differ from those
    /// the fit began with in their data fingerprints alone, which the fit does not read. With
    /// <paramref name="showProgress"/> the fit's progress is drawn from here on, counted from its start.
    /// </summary>
    public StartRun Finish(RunSettings settings, bool showProgress)
    {
        if (settings != _settings with { Data = settings.Data })
            throw new InvalidOperationException("the initial MLN was fitted for other settings than the run's");
        if (InitialMln.Reference(_settings) is { } reference)
        {
            Console.WriteLine($"Fitting the initial MLN to {reference.Label} ({InitialMln.FitSteps} steps)...");
            if (showProgress)
            {
                Volatile.Write(ref _progress, new ConsoleProgress("fitting the initial MLN: steps", InitialMln.FitSteps, _started));
                _progress.Report(StepsDone);
            }
        }
        var (phi, fit, took) = _fit.GetAwaiter().GetResult();
        _progress?.Dispose();
        Console.WriteLine($"Initial MLN ({_settings.Init}, {took.TotalSeconds:F1} s): {fit}");
        return new StartRun(settings, phi, fit);
    }

    private void StepDone(int steps)
    {
        Volatile.Write(ref _stepsDone, steps);
        Volatile.Read(ref _progress)?.Report(steps);
    }

    public void Dispose()
    {
        _stop.Cancel();
        // Finish has taken the outcome, or the start failed elsewhere and the fit's own end is moot.
        try
        {
            _fit.Wait();
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
        _progress?.Dispose();
    }
}

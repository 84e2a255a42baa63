using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Why a run stopped short in this process, told by the actors that notice it (the progress printer,
/// a node's evaluator pool, the journal watch) to the command, which ends with <see cref="RunHalted.ExitCode"/>.
/// The first report wins.
/// </summary>
public sealed class RunHalt
{
    /// <summary>Every evaluator failed: the run cannot progress here.</summary>
    public const int EvaluatorsFailedExitCode = 4;

    /// <summary>The journal kept failing after bounded retries.</summary>
    public const int JournalFailedExitCode = 5;

    private readonly TaskCompletionSource<RunHalted> _halted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<RunHalted> Task => _halted.Task;

    public void EvaluatorsFailed(EvaluatorsFailed failed) =>
        _halted.TrySetResult(new RunHalted(EvaluatorsFailedExitCode, $"every evaluator failed: {failed.LastError}"));

    /// <summary>The population did not answer while the run was starting; in practice its journal cannot be read.</summary>
    public static RunHalted NoAnswer(Exception timeout) =>
        new(JournalFailedExitCode, $"the population did not answer while starting ({timeout.Message}); its journal may be failing, see the log above");

    public void JournalGaveUp(string cause) =>
        _halted.TrySetResult(new RunHalted(JournalFailedExitCode, $"the journal keeps failing, so the run stopped: {cause}"));
}

public sealed record RunHalted(int ExitCode, string Message)
{
    /// <summary>Says why on stderr, with what to do, and returns the exit code.</summary>
    public int Report()
    {
        Console.Error.WriteLine($"\nmetaloss: {Message}");
        Console.Error.WriteLine("Fix the cause and run the same command again: the run resumes where it stopped; nothing persisted is lost.");
        return ExitCode;
    }
}

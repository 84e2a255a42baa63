using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;
using MetaLoss.Training.Data;

namespace MetaLoss.Host;

/// <summary>
/// The last line of defence in Program: what a command did not catch becomes one line on stderr.
/// A user error (bad input, a file that cannot be used) is its message and exit 2. Anything else is a
/// bug: still one line, with exit 1, but the stack trace is kept in a file (and printed in full with
/// METALOSS_TRACE=1), because a bug hidden behind a tidy message would never get fixed.
/// </summary>
public static class ErrorReport
{
    public const string TraceVariable = "METALOSS_TRACE";
    public const int InternalErrorExitCode = 1;

    public static int Handle(Exception exception, TextWriter error)
    {
        var e = Unwrap(exception);
        if (e is OperationCanceledException)
        {
            error.WriteLine("\nStopped.");
            return 130;
        }
        if (e is JournalUnavailableException)
        {
            error.WriteLine($"metaloss: {OneLine(e.Message)}");
            return RunHalt.JournalFailedExitCode;
        }
        if (IsUserError(e))
        {
            error.WriteLine($"metaloss: {UserMessage(e)}");
            return 2;
        }
        var trace = KeepTrace(exception, error);
        error.WriteLine($"metaloss: internal error (a bug, not your input): {e.GetType().Name}: {OneLine(e.Message)}; {trace}");
        return InternalErrorExitCode;
    }

    public static int ParseErrors(System.CommandLine.ParseResult parsed, TextWriter error)
    {
        var command = parsed.CommandResult.Command is System.CommandLine.RootCommand ? "metaloss" : $"metaloss {parsed.CommandResult.Command.Name}";
        foreach (var problem in parsed.Errors)
            error.WriteLine($"metaloss: {OneLine(problem.Message)} (see `{command} --help`)");
        return 2;
    }

    /// <summary>Parallel work wraps each failure; the first one is what went wrong.</summary>
    private static Exception Unwrap(Exception e) =>
        e is AggregateException aggregate && aggregate.Flatten().InnerExceptions is [var first, ..] ? Unwrap(first) : e;

    private static bool IsUserError(Exception e) =>
        e is ArgumentException or DataFileException or InvalidDataException or IOException or UnauthorizedAccessException;

    private static string UserMessage(Exception e)
    {
        var message = e.Message;
        // The parameter name is for programmers; the message already says which option is wrong.
        if (e is ArgumentException { ParamName: { } name }) message = message.Replace($" (Parameter '{name}')", "");
        return OneLine(message);
    }

    private static string OneLine(string text) => Secrets.RedactKnown(text).ReplaceLineEndings(" ");

    private static string KeepTrace(Exception e, TextWriter error)
    {
        var text = Secrets.RedactKnown(e.ToString());
        if (Environment.GetEnvironmentVariable(TraceVariable) is "1")
        {
            error.WriteLine(text);
            return "the trace is above";
        }
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"metaloss-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(path, options)) writer.Write(text);
            return $"the stack trace is in {path} (or set {TraceVariable}=1 to print it here); please report it";
        }
        catch (Exception write) when (write is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(text);
            return "the trace is above (it could not be written to a file)";
        }
    }
}

using System.Runtime.Versioning;
using MetaLoss.Training.Data;

namespace MetaLoss.Host.Tests;

/// <summary>Program's last resort: user errors are one line and exit 2; a bug is one line and exit 1, its trace kept.</summary>
[UnsupportedOSPlatform("windows")]
public class ErrorReportSpecs
{
    [Fact]
    public void Should_report_a_user_error_from_parallel_work_as_its_own_line()
    {
        var fault = new DataFileException("/data/test_batch.bin", "truncated");
        var error = new StringWriter();

        var code = ErrorReport.Handle(new AggregateException(fault, new DataFileException("/data/test_batch.bin", "truncated")), error);

        Assert.Equal(2, code);
        Assert.Equal("metaloss: /data/test_batch.bin: truncated" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Should_keep_the_trace_of_a_bug_in_a_file_and_say_where()
    {
        var error = new StringWriter();
        int code;
        try
        {
            throw new InvalidOperationException("a state that cannot happen");
        }
        catch (InvalidOperationException bug)
        {
            code = ErrorReport.Handle(bug, error);
        }

        Assert.Equal(ErrorReport.InternalErrorExitCode, code);
        var line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("metaloss: internal error (a bug, not your input): InvalidOperationException: a state that cannot happen; the stack trace is in ", line);
        var path = line.Split("the stack trace is in ")[1].Split(' ')[0];
        var trace = File.ReadAllText(path);
        Assert.Contains("   at ", trace);
        Assert.Contains(nameof(Should_keep_the_trace_of_a_bug_in_a_file_and_say_where), trace);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        File.Delete(path);
    }
}

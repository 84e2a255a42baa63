using Microsoft.Data.Sqlite;

namespace MetaLoss.Host.Tests;

/// <summary>
/// A journal that keeps failing ends `evolve` with exit 5 naming the cause, after the configured
/// retries; once the cause is gone, the same command resumes and finishes the run.
/// </summary>
public sealed class JournalFailureSpecs
{
    [Fact]
    public async Task Should_exit_5_when_the_journal_cannot_be_written_and_resume_once_it_can()
    {
        var run = SmallRun.NewDirectory();
        string[] evolve = [.. SmallRun.EvolveFor(run, 7, generations: 12,
            "--config", "metaloss.journal-retries.max-restarts = 0", "--config", "metaloss.journal-retries.min-backoff = 100ms")];

        using (var process = MetalossProcess.Start(evolve))
        {
            Assert.True(process.WaitForLine("generation    2/", SmallRun.Timeout), process.Output);
            await using var blocker = await WriteLocked(run);

            var code = process.WaitForExit(TimeSpan.FromMinutes(2));
            Assert.True(code == 5, $"exit {code}; output:\n{process.Output}");
            Assert.Contains("metaloss: the journal keeps failing, so the run stopped: ", process.Output);
        }

        var (resumed, output) = MetalossProcess.Run(SmallRun.Timeout, evolve);
        Assert.True(resumed == 0, $"exit {resumed}; output:\n{output}");
        Assert.Contains("Resumed at generation", output);
        Assert.Contains("Finished 12 generations", output);
    }

    [Fact]
    public async Task Should_exit_5_when_the_journal_cannot_be_read_at_start_and_resume_once_it_can()
    {
        var run = SmallRun.NewDirectory();
        string[] evolve = SmallRun.EvolveFor(run, 7, generations: 1);
        var (first, firstOutput) = MetalossProcess.Run(SmallRun.Timeout, evolve);
        Assert.True(first == 0, firstOutput);

        await using (var blocker = await WriteLocked(run))
        {
            var (code, output) = MetalossProcess.Run(TimeSpan.FromMinutes(3), evolve);
            Assert.True(code == 5, $"exit {code}; output:\n{output}");
            Assert.Contains("cannot be read now (SQLite Error 5: 'database is locked'.); nothing was changed", output);
            Assert.DoesNotContain("Unhandled exception", output);
        }

        var (again, againOutput) = MetalossProcess.Run(SmallRun.Timeout, evolve);
        Assert.True(again == 0, againOutput);
        Assert.Contains("Finished 1 generations", againOutput);
    }

    /// <summary>Another connection holding the journal's write lock (BEGIN IMMEDIATE): a real fault that changes nothing in the file.</summary>
    private static async Task<SqliteConnection> WriteLocked(string run)
    {
        var blocker = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Pooling=False;Default Timeout=60");
        await blocker.OpenAsync();
        blocker.BeginTransaction(deferred: false);
        return blocker;
    }

    [Theory]
    [InlineData("metaloss.journal-retries.max-restarts = -1", "max-restarts must not be negative")]
    [InlineData("metaloss.journal-retries.min-backoff = 0s", "min-backoff must be positive")]
    public void Should_refuse_journal_retry_settings_that_cannot_work(string setting, string message)
    {
        var run = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(TimeSpan.FromMinutes(1), SmallRun.Evolve(run, "--config", setting));
        Assert.True(code == 2, $"exit {code}; output:\n{output}");
        Assert.Contains(message, output);
        Assert.False(File.Exists(Path.Combine(run, "journal.db")));
    }
}

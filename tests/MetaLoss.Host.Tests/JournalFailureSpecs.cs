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
            // Another process holds the database's write lock: a real fault, nothing in the file changes.
            await using var blocker = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Pooling=False;Default Timeout=60");
            await blocker.OpenAsync();
            // BEGIN IMMEDIATE: the write lock, held until rolled back; nothing is written.
            await using var transaction = blocker.BeginTransaction(deferred: false);

            var code = process.WaitForExit(TimeSpan.FromMinutes(2));
            Assert.True(code == 5, $"exit {code}; output:\n{process.Output}");
            Assert.Contains("metaloss: the journal keeps failing, so the run stopped: ", process.Output);
            transaction.Rollback();
        }

        var (resumed, output) = MetalossProcess.Run(SmallRun.Timeout, evolve);
        Assert.True(resumed == 0, $"exit {resumed}; output:\n{output}");
        Assert.Contains("Resumed at generation", output);
        Assert.Contains("Finished 12 generations", output);
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

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
        string[] evolve = [.. SmallRun.EvolveFor(run, 7, generations: Generations,
            "--config", "metaloss.journal-retries.max-restarts = 0", "--config", "metaloss.journal-retries.min-backoff = 100ms")];

        long refusedAfter;
        using (var process = MetalossProcess.Start(evolve))
        {
            refusedAfter = await RefuseWritesAfterTwoMoreGenerations(run, process);
            var code = process.WaitForExit(TimeSpan.FromMinutes(2));
            Assert.True(code == 5, $"exit {code}; output:\n{process.Output}");
            Assert.Contains("metaloss: the journal keeps failing, so the run stopped: ", process.Output);
            Assert.Contains(RefusalMessage, process.Output);
        }
        await using (var journal = await Open(run))
        {
            Assert.Equal(refusedAfter, await Scalar<long>(journal, $"SELECT COUNT(*) FROM journal WHERE manifest = '{GenerationCompleted}'"));
            await Execute(journal, "DROP TRIGGER refuse_after_two_more_generations");
        }

        var (resumed, output) = MetalossProcess.Run(SmallRun.Timeout, evolve);
        Assert.True(resumed == 0, $"exit {resumed}; output:\n{output}");
        Assert.Contains($"Resumed at generation {refusedAfter + 1} of {Generations}", output);
        Assert.Contains($"Finished {Generations} generations", output);
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
        var blocker = await Open(run);
        blocker.BeginTransaction(deferred: false);
        return blocker;
    }

    private const string GenerationCompleted = "GC1";
    private const string RefusalMessage = "this journal refuses writes after two more generations";

    /// <summary>Far more than run before the trigger is in place, so that the trigger always fires mid-run.</summary>
    private const int Generations = 30;

    /// <summary>
    /// A trigger that makes every write fail once two more generations have completed than had when
    /// it was installed (as soon as the journal's table exists; a new run's initial MLN is ready by
    /// then, so a few tiny generations may already be done). Returns the count it refuses after: the
    /// point of failure is fixed by the journal's content, not by how fast the run goes.
    /// </summary>
    private static async Task<long> RefuseWritesAfterTwoMoreGenerations(string run, MetalossProcess process)
    {
        var deadline = DateTime.UtcNow + SmallRun.Timeout;
        while (!File.Exists(Path.Combine(run, "journal.db")) || !await HasJournalTable(run))
        {
            Assert.False(process.HasExited, process.Output);
            Assert.True(DateTime.UtcNow < deadline, "the journal's table never appeared:\n" + process.Output);
            await Task.Delay(20);
        }
        await using var journal = await Open(run);
        // Counted and installed in one write transaction, so no generation completes in between.
        await using var transaction = journal.BeginTransaction(deferred: false);
        var completed = await Scalar<long>(journal, $"SELECT COUNT(*) FROM journal WHERE manifest = '{GenerationCompleted}'");
        Assert.True(completed + 2 < Generations, $"the run completed {completed} generations before the trigger was in place:\n" + process.Output);
        await Execute(journal,
            "CREATE TRIGGER refuse_after_two_more_generations BEFORE INSERT ON journal " +
            $"WHEN (SELECT COUNT(*) FROM journal WHERE manifest = '{GenerationCompleted}') >= {completed + 2} " +
            $"BEGIN SELECT RAISE(ABORT, '{RefusalMessage}'); END");
        await transaction.CommitAsync();
        return completed + 2;
    }

    private static async Task<bool> HasJournalTable(string run)
    {
        await using var journal = await Open(run);
        return await Scalar<long>(journal, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'") == 1;
    }

    private static async Task<SqliteConnection> Open(string run)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Pooling=False;Default Timeout=60");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> Scalar<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
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

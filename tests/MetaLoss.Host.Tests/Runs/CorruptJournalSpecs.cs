using System.Text.RegularExpressions;

namespace MetaLoss.Host.Tests.Runs;

/// <summary>
/// A journal that cannot be read is reported, naming the corrupt event (persistence id and sequence
/// number), with exit 2 and no stack trace: by `status`, and by `evolve` even where a snapshot would
/// let the population skip the event.
/// </summary>
public sealed partial class CorruptJournalSpecs(FinishedRun finished) : IClassFixture<FinishedRun>
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(2);

    [Fact]
    public void Should_name_the_corrupt_event_in_status()
    {
        var run = JournalFiles.CopyRun(finished.Directory);
        JournalFiles.CorruptEvent(Path.Combine(run, "journal.db"), 5);

        var (code, output) = MetalossProcess.Run(Quick, "status", "--run", run);

        AssertReported(code, output, CorruptEvent(5));
    }

    [Fact]
    public void Should_refuse_to_resume_past_a_corrupt_event_that_a_snapshot_covers()
    {
        var run = JournalFiles.CopyRun(finished.Directory);
        var journal = Path.Combine(run, "journal.db");
        Assert.True(JournalFiles.LatestSnapshot(journal) > 5, "no snapshot after event 5: the population would read the event anyway");
        JournalFiles.CorruptEvent(journal, 5);
        var before = JournalFiles.Sha256(journal);

        var (code, output) = MetalossProcess.Run(Quick, FinishedRun.Evolve(run));

        AssertReported(code, output, CorruptEvent(5));
        Assert.Equal(before, JournalFiles.Sha256(journal));
    }

    [Fact]
    public void Should_end_evolve_with_one_line_when_the_population_cannot_recover()
    {
        // Every event reads, so only the population's own recovery (from the snapshot) meets the fault.
        var run = JournalFiles.CopyRun(finished.Directory);
        JournalFiles.CorruptSnapshots(Path.Combine(run, "journal.db"));

        var (code, output) = MetalossProcess.Run(Quick, FinishedRun.Evolve(run));

        AssertReported(code, output, SnapshotCorrupt());
        Assert.Single(output.Split('\n'), line => line.StartsWith("metaloss: "));
    }

    [Fact]
    public void Should_refuse_a_garbage_journal_in_status()
    {
        var run = SmallRun.NewDirectory();
        File.WriteAllText(Path.Combine(run, "journal.db"), "SQLite format 3\0 but not really");

        var (code, output) = MetalossProcess.Run(Quick, "status", "--run", run);

        AssertReported(code, output, new Regex("not a MetaLoss journal \\(not a SQLite database"));
    }

    private static void AssertReported(int code, string output, Regex expected)
    {
        Assert.True(code == 2, output);
        Assert.Matches(expected, output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception:", output);
    }

    private static Regex CorruptEvent(long sequenceNr) => new($"event {sequenceNr} of population-[a-z0-9]+ .*is corrupt.*'EC1'");

    [GeneratedRegex("the snapshot of population-[a-z0-9]+ is corrupt .*'PS5'")]
    private static partial Regex SnapshotCorrupt();
}

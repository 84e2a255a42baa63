namespace MetaLoss.Host.Tests.Runs;

/// <summary>
/// MetaLoss writes only journals it made: any other journal.db is refused by `status` and `evolve`
/// with exit 2, and not a byte of it changes. Journals from before the marker table still work.
/// </summary>
public sealed class ForeignJournalSpecs
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(2);

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var command in new[] { "status", "evolve" })
            foreach (var kind in new[] { "another application's database", "an empty SQLite database", "a garbage file", "a zero-byte file" })
                cases.Add(command, kind);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_refuse_a_file_MetaLoss_did_not_make_without_changing_a_byte(string command, string kind)
    {
        var run = SmallRun.NewDirectory();
        var journal = Path.Combine(run, "journal.db");
        JournalFiles.MakeForeign(journal, kind);
        var before = JournalFiles.Sha256(journal);

        var (code, output) = MetalossProcess.Run(Quick, command == "status" ? ["status", "--run", run] : SmallRun.Evolve(run));

        Assert.True(code == 2, output);
        Assert.Contains($"{journal}: not a MetaLoss journal", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Equal(before, JournalFiles.Sha256(journal));
        Assert.False(File.Exists(journal + "-wal"), "SQLite opened the file for writing");
    }

    [Fact]
    public async Task Should_keep_reading_and_resuming_a_journal_from_before_run_ids()
    {
        var run = SmallRun.NewDirectory();
        Assert.Equal(0, MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(run, 7, 2)).ExitCode);
        JournalFiles.MakeLegacy(Path.Combine(run, "journal.db"));
        var before = await SmallRun.State(run);

        var (statusCode, status) = MetalossProcess.Run(Quick, "status", "--run", run);
        Assert.True(statusCode == 0, status);
        Assert.Contains("finished: 2/2 generations", status);

        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(run, 7, 2));
        Assert.True(code == 0, output);
        Assert.Contains("Resuming run legacy", output);
        Assert.Equal(before.EpisodesCompleted, (await SmallRun.State(run)).EpisodesCompleted);
    }
}

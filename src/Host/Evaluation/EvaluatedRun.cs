using MetaLoss.Actors.Messages;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Evaluation;

/// <summary>What evaluating or exporting a run reads from its directory: settings, history and the best MLN.</summary>
public sealed record EvaluatedRun(RunDirectory Directory, RunSettings Settings, IReadOnlyList<GenerationSummary> History, MlnFile Mln)
{
    public static async Task<EvaluatedRun> Load(string path, CancellationToken cancellation)
    {
        var directory = RunDirectory.Open(path, create: false);
        if (!File.Exists(directory.BestMlnFile))
            throw new ArgumentException($"--run {path}: no best-mln.json here; a run writes it when its last generation finishes " +
                                        $"(`metaloss evolve --run {path}` starts or resumes it)");
        if (!directory.HasJournal)
            throw new ArgumentException($"--run {path}: no journal.db here; evaluate needs the run's journal for its episode settings and history");
        var mln = MlnFile.Load(directory.BestMlnFile);
        var run = SqliteJournalFile.Identify(directory.JournalFile).Run;
        var state = await JournalReader.ReadState(new JournalSettings(directory.ReadOnlyConnectionString, PostgreSql: false), run, cancellation);
        if (state.Settings is null) throw new ArgumentException($"--run {path}: the journal holds no run");
        return new EvaluatedRun(directory, state.Settings, state.History, mln);
    }

    public string MlnFilePath => Directory.BestMlnFile;
}

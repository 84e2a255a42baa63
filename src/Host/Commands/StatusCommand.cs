using System.CommandLine;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Evolution;
using MetaLoss.Host.Api;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Options;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Commands;

/// <summary>
/// `metaloss status`: replays a run's journal read-only and prints where the run stands; with
/// --cluster, also asks a running cluster member for the nodes, their slots and episodes.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var run = new Option<string?>("--run") { Description = "run directory (its SQLite journal)" };
        var journalOptions = new JournalOptions();
        var cluster = new Option<string?>("--cluster") { Description = "HOST:PORT of a running cluster member: show the nodes, their slots and episodes" };
        var runId = RunIdOption.Create("with --postgres: which run of the database to show (default: the run directory's, else the database's only run)");
        var hostname = new Option<string>("--hostname") { Description = "address to answer --cluster queries on", DefaultValueFactory = _ => "127.0.0.1" };
        var security = new TransportSecurityOptions();
        var server = new ServerOptions(required: false);
        var name = new Option<string?>("--name") { Description = "with --server: the run to show in full (default: every run and the cluster)" };
        var command = new Command("status", "Show where a run stands, without disturbing it");
        command.Options.Add(run);
        journalOptions.AddTo(command);
        command.Options.Add(runId);
        command.Options.Add(cluster);
        command.Options.Add(hostname);
        security.AddTo(command);
        server.AddTo(command);
        command.Options.Add(name);
        command.SetAction(async (result, cancellation) =>
        {
            var runPath = result.GetValue(run);
            var member = result.GetValue(cluster);
            if (result.GetValue(server.Server) is not null)
            {
                if (runPath is not null || journalOptions.IsShared(result) || member is not null)
                    throw new ArgumentException("status --server: a server shows its own runs and cluster; leave out --run, --postgres and --cluster");
                await ServerStatus.Print(server.Connect(result), result.GetValue(name), cancellation);
                return 0;
            }
            if (result.GetValue(name) is not null) throw new ArgumentException("--name: names a run of a server; give --server URL too");
            if (runPath is null && !journalOptions.IsShared(result) && member is null)
                throw new ArgumentException("status: give --run DIR (or --postgres CONNECTION for a shared journal), and/or --cluster HOST:PORT, or --server URL");
            if (runPath is not null || journalOptions.IsShared(result))
            {
                var events = await ReadEvents(runPath, journalOptions, RunIdOption.Read(result, runId), result, cancellation);
                var state = events.Aggregate(PopulationState.Empty, (s, e) => s.Apply(e));
                if (events.OfType<RunStarted>().FirstOrDefault() is { } started) Console.WriteLine($"run {started.Run ?? RunId.Legacy}");
                Print(state.ToStatus(), state.Settings);
            }
            if (member is not null)
            {
                ClusterSettings.ParseHostAndPort("--cluster", member);
                var tls = security.Read(result, result.GetValue(hostname)!);
                ClusterStatusTable.Print(member, await ClusterStatusQuery.Ask(member, result.GetValue(hostname)!, tls, cancellation));
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The run's events, read-only. A run directory's journal.db is first checked to be MetaLoss's
    /// (anything else is refused untouched); in a shared database, the run is --run-id, the run
    /// directory's, or the database's only one.
    /// </summary>
    private static async Task<IReadOnlyList<IPopulationEvent>> ReadEvents(string? runPath, JournalOptions journalOptions, RunId? asked,
        ParseResult result, CancellationToken cancellation)
    {
        var directory = runPath is null ? null : RunDirectory.Open(runPath, create: false);
        if (journalOptions.ReadShared(result) is { } shared)
            return await JournalReader.ReadEvents(shared, asked ?? (directory is null ? null : RunFile.Read(directory)), cancellation);
        if (asked is not null) throw new ArgumentException("--run-id: only with --postgres; a run directory's own journal holds exactly one run");
        if (!directory!.HasJournal) throw new ArgumentException($"--run {directory.Path}: no journal.db here; start a run with `metaloss evolve --run {directory.Path}`");
        var identity = SqliteJournalFile.Identify(directory.JournalFile);
        if (!identity.HasJournalTable) return [];
        return await JournalReader.ReadEvents(new JournalSettings(directory.ReadOnlyConnectionString, PostgreSql: false), identity.Run, cancellation);
    }

    public static void Print(RunStatus status, RunSettings? settings)
    {
        if (!status.Started || settings is null)
        {
            Console.WriteLine("The journal holds no run yet.");
            return;
        }
        Console.WriteLine($"seed {settings.Seed}, {SearchStrategies.Describe(settings.Strategy, settings.Evolution)}, " +
                          $"{settings.EpisodesPerCandidate} episode(s) per candidate{(settings.PairedEpisodes ? " (paired)" : "")}");
        // A resumed run keeps its own task draw, MLN inputs and start whatever today's defaults are: say which they are.
        Console.WriteLine($"meta-training tasks: {settings.Tasks}; MLN {(settings.Architecture.ProgressInput ? "with" : "without")} the training progress input, " +
                          $"started as {RunRequest.FormatInit(settings.Init)}");
        Console.WriteLine(status.Finished
            ? $"finished: {status.History.Count}/{status.Generations} generations, {status.EpisodesCompleted} episodes"
            : $"generation {status.Generation + 1}/{status.Generations}: {status.EpisodesDoneThisGeneration}/{status.EpisodesPerGeneration} episodes done; {status.EpisodesCompleted} episodes in all");
        if (status.History.Count == 0) return;
        Console.WriteLine("generation  best     mean     flagged  best on meta-validation");
        foreach (var g in status.History)
            Console.WriteLine($"{g.Generation + 1,10}  {g.BestFitness:F4}   {g.MeanFitness:F4}   {g.FlaggedEpisodes,7}  {g.BestValidationScore?.ToString("F4") ?? "-"}");
        if (status.BestValidated is { } best)
            Console.WriteLine($"best MLN: {best.Score:F4} on {settings.MetaValidation} (generation {best.Generation + 1}, candidate {best.Candidate})");
    }
}

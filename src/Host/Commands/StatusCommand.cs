using System.CommandLine;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Commands;

/// <summary>`metaloss status --run DIR`: replays the run's journal read-only and prints where the run stands.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "run directory", Required = true };
        var command = new Command("status", "Show where a run stands, without disturbing it");
        command.Options.Add(run);
        command.SetAction(async (result, cancellation) =>
        {
            var directory = RunDirectory.Open(result.GetValue(run)!, create: false);
            if (!directory.HasJournal) throw new ArgumentException($"--run {directory.Path}: no journal.db here; start a run with `metaloss evolve --run {directory.Path}`");
            var state = await JournalReader.ReadState(new JournalSettings(directory.SqliteConnectionString, PostgreSql: false), cancellation);
            Print(state.ToStatus(), state.Settings);
            return 0;
        });
        return command;
    }

    private static void Print(RunStatus status, RunSettings? settings)
    {
        if (!status.Started || settings is null)
        {
            Console.WriteLine("The journal holds no run yet.");
            return;
        }
        Console.WriteLine($"seed {settings.Seed}, population {settings.Evolution.Parents} parents, " +
                          $"{settings.EpisodesPerCandidate} episode(s) per candidate{(settings.PairedEpisodes ? " (paired)" : "")}");
        Console.WriteLine(status.Finished
            ? $"finished: {status.History.Count}/{status.Generations} generations, {status.EpisodesCompleted} episodes"
            : $"generation {status.Generation + 1}/{status.Generations}: {status.EpisodesDoneThisGeneration}/{status.EpisodesPerGeneration} episodes done; {status.EpisodesCompleted} episodes in all");
        if (status.History.Count == 0) return;
        Console.WriteLine("generation  best     mean     flagged");
        foreach (var g in status.History)
            Console.WriteLine($"{g.Generation + 1,10}  {g.BestFitness:F4}   {g.MeanFitness:F4}   {g.FlaggedEpisodes}");
    }
}

using System.Globalization;
using MetaLoss.Actors.Messages;
using MetaLoss.Training;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Runs;

/// <summary>
/// What a finished run leaves in its directory: the best MLN and a CSV of generations, each replaced
/// atomically and flushed to disk, so a crash while writing leaves the previous file whole.
/// </summary>
public static class RunOutputs
{
    public static void Write(RunDirectory run, RunSettings settings, RunStatus status)
    {
        var origin = status.BestValidated is { } best
            ? $"best of {settings.MetaValidation} (score {best.Score:F4}, generation {best.Generation + 1}, candidate {best.Candidate}), " +
              $"after {status.History.Count} generations, seed {settings.Seed}"
            : $"best parent after {status.History.Count} generations, seed {settings.Seed}";
        MlnFile.For(settings.Architecture, status.Best!.Phi, origin).Save(run.BestMlnFile);
        var lines = new List<string> { "generation,best_fitness,mean_fitness,flagged_episodes,best_validation_score" };
        lines.AddRange(status.History.Select(h => string.Join(",",
            h.Generation.ToString(CultureInfo.InvariantCulture),
            h.BestFitness.ToString("R", CultureInfo.InvariantCulture),
            h.MeanFitness.ToString("R", CultureInfo.InvariantCulture),
            h.FlaggedEpisodes.ToString(CultureInfo.InvariantCulture),
            h.BestValidationScore?.ToString("R", CultureInfo.InvariantCulture) ?? "")));
        AtomicFile.WriteAllText(run.GenerationsCsv, string.Concat(lines.Select(line => line + "\n")));
    }
}

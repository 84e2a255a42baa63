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
        AtomicFile.WriteAllBytes(run.GenerationsCsv, CsvFiles.Bytes(csv =>
        {
            csv.WriteRecord(["generation", "best_fitness", "mean_fitness", "flagged_episodes", "best_validation_score"]);
            foreach (var h in status.History)
            {
                csv.WriteField(h.Generation);
                csv.WriteField(h.BestFitness);
                csv.WriteField(h.MeanFitness);
                csv.WriteField(h.FlaggedEpisodes);
                csv.WriteField(h.BestValidationScore);
                csv.EndRecord();
            }
        }));
    }
}

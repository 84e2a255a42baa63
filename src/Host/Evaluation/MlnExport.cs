using System.Globalization;
using System.Text;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Evaluation;

/// <summary>A run's best MLN as `metaloss export` writes it and the service serves it: the weights, where they come from, and how to use them.</summary>
public static class MlnExport
{
    public static MlnFile Of(MlnFile mln, string source, RunSettings settings) => mln with
    {
        Note = $"exported from run {source}: {mln.Note ?? "best MLN"}",
        Usage = MlnUsage.For(mln.Architecture, settings.Template),
    };

    /// <summary>The best MLN a service run has so far.</summary>
    public static MlnFile Of(BestMln best, RunSettings settings)
    {
        var origin = best.ValidationScore is { } score
            ? $"best of {settings.MetaValidation} (score {score.ToString("F4", CultureInfo.InvariantCulture)}, generation {best.Generation + 1}), seed {settings.Seed}"
            : $"best parent of generation {best.Generation + 1}, seed {settings.Seed}";
        return Of(MlnFile.For(best.Architecture, best.Phi, origin), best.Name, settings);
    }

    public static byte[] ToJsonBytes(this MlnFile file) => Encoding.UTF8.GetBytes(file.ToJson());
}

using MetaLoss.Actors.Messages;
using MetaLoss.Training.Models;
using MetaLoss.Training.Randomness;
using MetaLoss.Training.WarmStart;

namespace MetaLoss.Host.Runs;

/// <summary>
/// The MLN a new run starts from, computed once and persisted in RunStarted, so a resumed run
/// never recomputes it. Seeded from the run seed: the same command gives the same start.
/// </summary>
public static class InitialMln
{
    private const long InitStream = 0x1A17;

    public static StartRun Create(RunSettings settings)
    {
        var seed = SeedPath.Derive(settings.Seed, InitStream);
        var warmStart = new WarmStartSettings();
        var crossEntropy = new LossSpec.CrossEntropy();
        float[] phi;
        if (settings.Init == MlnInit.Random)
        {
            phi = MlnWarmStart.MatchGradientNorm(settings.Architecture, settings.Architecture.RandomParameters(seed),
                crossEntropy, warmStart, seed);
        }
        else
        {
            LossSpec reference = settings.Init == MlnInit.CrossEntropyFit ? crossEntropy : new LossSpec.MeanSquaredError();
            Console.WriteLine($"Fitting the initial MLN to {reference.Label} ({warmStart.Steps} steps, a few seconds)...");
            phi = MlnWarmStart.Fit(settings.Architecture, reference, warmStart, seed).Phi;
        }
        var agreement = MlnWarmStart.Measure(new LossSpec.MetaLoss(settings.Architecture, phi), crossEntropy, warmStart, seed);
        var fit = new InitialFit(agreement.Cosine, agreement.NormRatio);
        Console.WriteLine($"Initial MLN ({settings.Init}): {fit}");
        return new StartRun(settings, phi, fit);
    }
}

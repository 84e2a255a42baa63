using MetaLoss.Training.Models;
using MetaLoss.Training.Randomness;
using MetaLoss.Training.Tests.WarmStart;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>
/// The kinds of MLN a user may export: a warm start (fitted to cross-entropy), one that looks evolved
/// (the warm start moved by per-parameter mutation noise), and random ones, including layer sizes that
/// all differ, so that a packing-order mistake between the element functions cannot go unseen, and one
/// with the training-progress input.
/// </summary>
public static class InteropMlns
{
    public static (string Name, MlnArchitecture Architecture, float[] Phi) WarmStarted =>
        ("warm-started", MlnArchitecture.Default, FittedLosses.CrossEntropy.Phi);

    /// <summary>A warm start with the training-progress input: the kind of MLN a default run exports.</summary>
    public static (string Name, MlnArchitecture Architecture, float[] Phi) WarmStartedWithProgress =>
        ("warm-started-progress", FittedLosses.WithProgress, FittedLosses.CrossEntropyWithProgress.Phi);

    public static (string Name, MlnArchitecture Architecture, float[] Phi) Evolved =>
        ("evolved", MlnArchitecture.Default, Perturbed(FittedLosses.CrossEntropy.Phi, seed: 31));

    public static IEnumerable<(string Name, MlnArchitecture Architecture, float[] Phi)> All
    {
        get
        {
            yield return WarmStarted;
            yield return Evolved;
            yield return ("random", MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(5));
            var uneven = new MlnArchitecture(PredictionHidden: 3, TargetHidden: 5, IntegrationChannels: 7);
            yield return ("random-3-5-7", uneven, uneven.RandomParameters(6));
            var withProgress = uneven with { ProgressInput = true };
            yield return ("random-3-5-7-progress", withProgress, withProgress.RandomParameters(7));
        }
    }

    /// <summary>Writes the MLN as `metaloss export` does: format metaloss-mln/1 with a note and a usage text.</summary>
    public static string Save(string directory, (string Name, MlnArchitecture Architecture, float[] Phi) mln)
    {
        var path = Path.Combine(directory, $"{mln.Name}.json");
        (MlnFile.For(mln.Architecture, mln.Phi, $"{mln.Name} MLN for the interop tests") with { Usage = "see the README" }).Save(path);
        return path;
    }

    /// <summary>Each parameter moved by N(0, (0.05 + 0.2 |phi|)^2): evolution's self-adaptive steps are of that size.</summary>
    private static float[] Perturbed(float[] phi, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return phi.Select(p => (float)(p + (0.05 + 0.2 * Math.Abs(p)) * random.NextGaussian())).ToArray();
    }
}

using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Evolution;

/// <summary>
/// Log-normal self-adaptive mutation (Schwefel): strengths mutate first, then the parameters
/// move by the new strengths, so selection of good parameters also selects good strengths.
/// </summary>
internal static class SelfAdaptiveMutation
{
    /// <summary>
    /// sigma'_j = clamp(sigma_j * exp(tau' * g + tau * g_j), floor, ceiling) with one global g per kid;
    /// phi'_j = phi_j + sigma'_j * z_j. Draw order (g, then g_j and z_j per parameter) is part of the
    /// reproducibility contract: changing it changes every run.
    /// </summary>
    public static Genome Mutate(Genome parent, EvolutionSettings settings, DeterministicRandom random)
    {
        var n = parent.Length;
        var tau = settings.TauFor(n);
        var globalStep = settings.TauPrimeFor(n) * random.NextGaussian();
        var phi = new float[n];
        var sigma = new float[n];
        for (var j = 0; j < n; j++)
        {
            var mutated = (float)(parent.Sigma[j] * Math.Exp(globalStep + tau * random.NextGaussian()));
            sigma[j] = Math.Clamp(mutated, settings.SigmaFloor, settings.SigmaCeiling);
            phi[j] = (float)(parent.Phi[j] + sigma[j] * random.NextGaussian());
        }

        return new Genome(phi, sigma);
    }
}

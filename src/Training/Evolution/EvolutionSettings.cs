namespace MetaLoss.Training.Evolution;

/// <summary>
/// Parameters of the (mu+lambda) self-adaptive evolution strategy with mu = lambda = <see cref="Parents"/>.
/// Call <see cref="Validate"/> (the strategy does) to get an <see cref="ArgumentException"/> naming the bad field.
/// </summary>
public sealed record EvolutionSettings
{
    /// <summary>The most parents whose 2T candidates still count in an int.</summary>
    public const int MaxParents = int.MaxValue / 2;

    /// <summary>T: parents kept per generation; each makes one kid, so 2T candidates are scored.</summary>
    public int Parents { get; init; } = 10;

    /// <summary>
    /// Mutation strength every parameter starts with. 0.1 was the best of 0.01, 0.03, 0.1 and 0.3
    /// for a CE-fitted MLN on the default episode (docs/measurements/evolution-sigma.txt).
    /// </summary>
    public float InitialSigma { get; init; } = 0.1f;

    /// <summary>Lower clamp on a mutated sigma, so self-adaptation cannot freeze a parameter.</summary>
    public float SigmaFloor { get; init; } = 1e-5f;

    /// <summary>Upper clamp on a mutated sigma, so one lucky kid cannot blow the parameters up.</summary>
    public float SigmaCeiling { get; init; } = 1.0f;

    /// <summary>tau, the per-parameter learning rate; null means 1/sqrt(2*sqrt(n)).</summary>
    public double? Tau { get; init; }

    /// <summary>tau', the learning rate of the one global draw per kid; null means 1/sqrt(2n).</summary>
    public double? TauPrime { get; init; }

    /// <summary>tau for a genome of <paramref name="parameterCount"/> parameters.</summary>
    public double TauFor(int parameterCount) =>
        Tau ?? 1.0 / Math.Sqrt(2.0 * Math.Sqrt(CheckedCount(parameterCount)));

    /// <summary>tau' for a genome of <paramref name="parameterCount"/> parameters.</summary>
    public double TauPrimeFor(int parameterCount) =>
        TauPrime ?? 1.0 / Math.Sqrt(2.0 * CheckedCount(parameterCount));

    public EvolutionSettings Validate()
    {
        if (Parents < 1)
            throw new ArgumentException($"Parents must be at least 1, was {Parents}.", nameof(Parents));
        if (Parents > MaxParents)
            throw new ArgumentException($"Parents must be at most {MaxParents:N0} (2T candidates are counted in an int), was {Parents:N0}.", nameof(Parents));
        if (!float.IsFinite(SigmaFloor) || SigmaFloor <= 0f)
            throw new ArgumentException($"SigmaFloor must be finite and positive, was {SigmaFloor}.", nameof(SigmaFloor));
        if (!float.IsFinite(SigmaCeiling) || SigmaCeiling < SigmaFloor)
            throw new ArgumentException(
                $"SigmaCeiling must be finite and at least SigmaFloor ({SigmaFloor}), was {SigmaCeiling}.",
                nameof(SigmaCeiling));
        if (!(InitialSigma >= SigmaFloor && InitialSigma <= SigmaCeiling))
            throw new ArgumentException(
                $"InitialSigma must lie in [SigmaFloor, SigmaCeiling] = [{SigmaFloor}, {SigmaCeiling}], was {InitialSigma}.",
                nameof(InitialSigma));
        if (Tau is { } tau && !(double.IsFinite(tau) && tau >= 0))
            throw new ArgumentException($"Tau must be finite and non-negative, was {tau}.", nameof(Tau));
        if (TauPrime is { } tauPrime && !(double.IsFinite(tauPrime) && tauPrime >= 0))
            throw new ArgumentException($"TauPrime must be finite and non-negative, was {tauPrime}.", nameof(TauPrime));
        return this;
    }

    private static int CheckedCount(int parameterCount) =>
        parameterCount >= 1
            ? parameterCount
            : throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount, "must be at least 1");
}

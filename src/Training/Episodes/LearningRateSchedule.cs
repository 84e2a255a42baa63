namespace MetaLoss.Training.Episodes;

/// <summary>The shape of a learning-rate decay over an episode's steps.</summary>
public enum LearningRateDecay
{
    Constant,
    Linear,
    Cosine,
}

/// <summary>
/// A learning-rate schedule as a factor of the spec's learning rate: step 0 takes the full rate,
/// the last step <see cref="FinalFraction"/> of it, and the steps between follow the decay's curve.
/// A factor rather than absolute rates, so that <see cref="EpisodeSpec.LearningRate"/> stays the one
/// place the initial rate lives.
/// </summary>
public sealed record LearningRateSchedule(LearningRateDecay Decay, double FinalFraction)
{
    public static LearningRateSchedule Constant { get; } = new(LearningRateDecay.Constant, 1);

    public double Factor(int step, int steps) => steps <= 1 ? 1 : Factor((double)step / (steps - 1));

    /// <summary>The factor at <paramref name="progress"/> from 0 (the first step) to 1 (the last), clamped to that range.</summary>
    public double Factor(double progress)
    {
        if (Decay == LearningRateDecay.Constant) return 1;
        progress = Math.Clamp(progress, 0, 1);
        var remaining = Decay switch
        {
            LearningRateDecay.Linear => 1 - progress,
            LearningRateDecay.Cosine => 0.5 * (1 + Math.Cos(Math.PI * progress)),
            _ => throw new ArgumentOutOfRangeException(nameof(Decay), Decay, "not a known decay"),
        };
        return FinalFraction + (1 - FinalFraction) * remaining;
    }

    public void Validate()
    {
        if (!Enum.IsDefined(Decay)) throw new ArgumentException($"unknown learning-rate decay {Decay}");
        if (!(FinalFraction >= 0 && FinalFraction <= 1))
            throw new ArgumentException($"a schedule's final fraction must be between 0 and 1, got {FinalFraction}");
    }

    public override string ToString() => Decay == LearningRateDecay.Constant
        ? "constant"
        : $"{Decay.ToString().ToLowerInvariant()} decay to {FinalFraction:G3}x";
}

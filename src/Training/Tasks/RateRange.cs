namespace MetaLoss.Training.Tasks;

/// <summary>Learning rates from <see cref="Min"/> to <see cref="Max"/>, drawn uniformly in log space (a rate's scale is what matters).</summary>
public sealed record RateRange(double Min, double Max)
{
    public override string ToString() => Min == Max ? Format(Min) : $"{Format(Min)}..{Format(Max)}";

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

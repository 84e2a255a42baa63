namespace MetaLoss.Actors.Messages;

/// <summary>How the initial MLN's logit gradient compares with cross-entropy's on held-out batches.</summary>
public sealed record InitialFit(double GradientCosine, double NormRatio)
{
    public override string ToString() => $"gradient cosine vs CE {GradientCosine:F4}, norm ratio {NormRatio:F3}";
}

namespace MetaLoss.Training.WarmStart;

/// <summary>
/// A fitted MLN and how well its logit gradient follows the reference loss's on held-out batches:
/// mean cosine (1 = same direction) and mean norm ratio ||g_mln|| / ||g_ref|| (1 = same step size).
/// </summary>
public sealed record WarmStartFit(float[] Phi, double GradientCosine, double NormRatio, int Steps);

using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Models;

/// <summary>
/// Initial classifier weights drawn from our own seeded generator, as PyTorch's nn.Linear does
/// (uniform in +/- 1/sqrt(fan_in) for weights and biases). Not torch's RNG: a member of a batched
/// population must start from exactly the weights a lone episode with the same seed would.
/// </summary>
public static class ClassifierInitializer
{
    /// <summary>Per layer: weight [in * out] laid out as [in, out] row-major, then bias [out].</summary>
    public static IReadOnlyList<(float[] Weight, float[] Bias)> Draw(ClassifierShape shape, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var layers = new List<(float[], float[])>();
        foreach (var (input, output) in shape.Layers)
        {
            var bound = 1.0 / Math.Sqrt(input);
            var weight = new float[input * output];
            for (var i = 0; i < weight.Length; i++) weight[i] = (float)((random.NextDouble() * 2 - 1) * bound);
            var bias = new float[output];
            for (var i = 0; i < bias.Length; i++) bias[i] = (float)((random.NextDouble() * 2 - 1) * bound);
            layers.Add((weight, bias));
        }
        return layers;
    }
}

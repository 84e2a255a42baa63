using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Models;

/// <summary>
/// Initial classifier weights drawn from our own seeded generator, as PyTorch's nn.Linear and
/// nn.Conv2d do (uniform in +/- 1/sqrt(fan_in) for weights and biases). Not torch's RNG: a member of
/// a batched population must start from exactly the weights a lone episode with the same seed would.
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
            var weight = Uniform(random, input * output, input);
            var bias = Uniform(random, output, input);
            layers.Add((weight, bias));
        }
        return layers;
    }

    /// <summary>
    /// The CNN's tensors in <see cref="CnnShape.Tensors"/> order: convolution weights laid out
    /// [out, in, 3, 3], the linear weight [in, out], each followed by its bias.
    /// </summary>
    public static IReadOnlyList<float[]> Draw(CnnShape shape, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return [.. shape.Tensors.Select(t => Uniform(random, t.Count, t.FanIn))];
    }

    private static float[] Uniform(DeterministicRandom random, int count, int fanIn)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        var values = new float[count];
        for (var i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
        return values;
    }
}

using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Models;

/// <summary>
/// Initial classifier weights drawn from our own seeded generator, as PyTorch's nn.Linear and
/// nn.Conv2d do (uniform in +/- 1/sqrt(fan_in) for weights and biases). Not torch's RNG: a member of
/// a batched population must start from exactly the weights a lone episode with the same seed would.
/// </summary>
public static class ClassifierInitializer
{
    /// <summary>Where <see cref="DrawInto"/> writes layer <paramref name="layer"/>'s weight or bias.</summary>
    public delegate Span<float> Destination(int layer, bool bias);

    /// <summary>Per layer: weight [in * out] laid out as [in, out] row-major, then bias [out].</summary>
    public static IReadOnlyList<(float[] Weight, float[] Bias)> Draw(ClassifierShape shape, ulong seed)
    {
        var layers = shape.Layers.Select(l => (Weight: new float[l.In * l.Out], Bias: new float[l.Out])).ToList();
        DrawInto(shape, seed, (layer, bias) => bias ? layers[layer].Bias : layers[layer].Weight);
        return layers;
    }

    /// <summary>
    /// The values of <see cref="Draw(ClassifierShape, ulong)"/>, written where the caller wants them
    /// (a tensor's own memory), so a classifier starts without managed copies of its weights.
    /// </summary>
    public static void DrawInto(ClassifierShape shape, ulong seed, Destination destination)
    {
        var random = new DeterministicRandom(seed);
        for (var layer = 0; layer < shape.Layers.Count; layer++)
        {
            var fanIn = shape.Layers[layer].In;
            Fill(random, destination(layer, bias: false), fanIn);
            Fill(random, destination(layer, bias: true), fanIn);
        }
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
        var values = new float[count];
        Fill(random, values, fanIn);
        return values;
    }

    private static void Fill(DeterministicRandom random, Span<float> values, int fanIn)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        for (var i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
    }
}

namespace MetaLoss.Training.Models;

/// <summary>
/// Sizes of the small CNN classifier: square images of <see cref="Channels"/> planes (datasets store
/// a row as its planes in turn, as CIFAR-10's files do), two 3x3 convolutions (padding 1) of
/// <see cref="FirstChannels"/> then <see cref="SecondChannels"/> channels, each followed by ReLU and
/// a 2x2 max pool, then one linear layer to the classes.
/// </summary>
public sealed record CnnShape(int Channels, int Side, int ClassCount)
{
    public const int FirstChannels = 16;
    public const int SecondChannels = 32;
    public const int Kernel = 3;

    /// <summary>Two 2x2 pools need at least this side.</summary>
    private const int MinimumSide = 4;

    /// <summary>The image shape a dataset row of <paramref name="featureCount"/> values has: one square plane (FashionMNIST) or three (CIFAR-10).</summary>
    public static CnnShape For(int featureCount, int classCount)
    {
        if (classCount < 2) throw new ArgumentException($"a classifier needs at least 2 classes, got {classCount}");
        foreach (var channels in new[] { 1, 3 })
        {
            if (featureCount % channels != 0) continue;
            var side = (int)Math.Round(Math.Sqrt(featureCount / channels));
            if (side * side * channels == featureCount && side >= MinimumSide) return new CnnShape(channels, side, classCount);
        }
        throw new ArgumentException($"the CNN classifier needs square images of 1 or 3 planes, at least {MinimumSide}x{MinimumSide}; " +
                                    $"rows of {featureCount} values are neither");
    }

    public int FeatureCount => Channels * Side * Side;

    /// <summary>The side after both pools (each floors, as max_pool2d does).</summary>
    public int PooledSide => Side / 2 / 2;

    /// <summary>Inputs of the linear layer: the second convolution's channels over the pooled image.</summary>
    public int LinearInputs => SecondChannels * PooledSide * PooledSide;

    /// <summary>Per parameter tensor of one member, in the order they are drawn: its element count and its fan-in (what bounds its initial values).</summary>
    public IReadOnlyList<(int Count, int FanIn)> Tensors =>
    [
        (FirstChannels * Channels * Kernel * Kernel, Channels * Kernel * Kernel),
        (FirstChannels, Channels * Kernel * Kernel),
        (SecondChannels * FirstChannels * Kernel * Kernel, FirstChannels * Kernel * Kernel),
        (SecondChannels, FirstChannels * Kernel * Kernel),
        (LinearInputs * ClassCount, LinearInputs),
        (ClassCount, LinearInputs),
    ];
}

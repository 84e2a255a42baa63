using MetaLoss.Training.Randomness;
using static TorchSharp.torch;

namespace MetaLoss.Training.Data;

/// <summary>
/// What the generated and transformed sources share: 28x28 grey images of 10 classes, built from
/// fixed generator seeds (never a run's seed), so a source is the same bytes on every machine and its
/// fingerprint never changes. Each image has its own random stream (a seed path by its row), so
/// rows are built in parallel without changing a byte.
/// </summary>
internal static class GeneratedImages
{
    public const int Side = 28;
    public const int Pixels = Side * Side;
    public const int ClassCount = DatasetLoader.FashionMnistClassCount;

    /// <summary>1,000 images a class: an episode takes at most a few hundred of a class, the rest is validation.</summary>
    public const int PerClass = 1_000;

    public const int Count = PerClass * ClassCount;

    /// <summary>The random stream of one row of one generator.</summary>
    public static DeterministicRandom RowRandom(ulong generatorSeed, long row) => new(SeedPath.Derive(generatorSeed, row));

    /// <summary>A smooth random field: Gaussian values on a coarse grid, bilinearly spread over 28x28.</summary>
    public static double[] SmoothField(DeterministicRandom random, int coarse)
    {
        var grid = new double[coarse * coarse];
        for (var i = 0; i < grid.Length; i++) grid[i] = random.NextGaussian();
        var field = new double[Pixels];
        var scale = (coarse - 1) / (double)(Side - 1);
        for (var y = 0; y < Side; y++)
        for (var x = 0; x < Side; x++)
            field[y * Side + x] = Bilinear(grid, coarse, x * scale, y * scale, outside: 0);
        return field;
    }

    /// <summary>Bilinear sample of a square image of side <paramref name="side"/> at (x, y); points outside read <paramref name="outside"/>.</summary>
    public static double Bilinear(ReadOnlySpan<double> image, int side, double x, double y, double outside)
    {
        if (x < 0 || y < 0 || x > side - 1 || y > side - 1) return outside;
        var x0 = Math.Min((int)x, side - 2);
        var y0 = Math.Min((int)y, side - 2);
        var fx = x - x0;
        var fy = y - y0;
        var top = image[y0 * side + x0] * (1 - fx) + image[y0 * side + x0 + 1] * fx;
        var bottom = image[(y0 + 1) * side + x0] * (1 - fx) + image[(y0 + 1) * side + x0 + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>A value in [0, 1] as a pixel: rounded half away from zero, clamped.</summary>
    public static byte Pixel(double unit) => (byte)Math.Clamp(Math.Round(unit * 255, MidpointRounding.AwayFromZero), 0, 255);

    public static ImageDataset Dataset(DatasetName name, byte[] pixels, int[] labels) =>
        new(DatasetNames.Format(name), PixelTensor.From(pixels, labels.Length, Pixels), labels, ClassCount);
}

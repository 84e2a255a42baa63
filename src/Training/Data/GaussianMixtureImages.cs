namespace MetaLoss.Training.Data;

/// <summary>
/// Class-conditional Gaussian mixtures of images: each class has a few smooth prototype images, and
/// an image is one of its class's prototypes plus smooth and per-pixel Gaussian noise, squashed to
/// [0, 1]. Rows cycle through the classes (row r is of class r mod 10). The noise is set so classes
/// overlap: a few examples a class do not separate them perfectly.
/// </summary>
internal static class GaussianMixtureImages
{
    private const ulong GeneratorSeed = 0x6A55_1A4D_0001;
    private const int Components = 3;
    private const int Coarse = 6;
    private const double SmoothNoise = 0.9;
    private const double PixelNoise = 0.35;

    public static ImageDataset Generate()
    {
        // The prototypes come from the generator's stream before any row's: row streams are separate paths.
        var prototypes = new double[GeneratedImages.ClassCount * Components][];
        var random = GeneratedImages.RowRandom(GeneratorSeed, -1);
        for (var i = 0; i < prototypes.Length; i++)
            prototypes[i] = GeneratedImages.SmoothField(random, Coarse);

        var pixels = new byte[GeneratedImages.Count * GeneratedImages.Pixels];
        var labels = new int[GeneratedImages.Count];
        Parallel.For(0, GeneratedImages.Count, row =>
        {
            var rowRandom = GeneratedImages.RowRandom(GeneratorSeed, row);
            var label = row % GeneratedImages.ClassCount;
            var prototype = prototypes[label * Components + rowRandom.NextInt(Components)];
            var smooth = GeneratedImages.SmoothField(rowRandom, Coarse);
            var offset = row * GeneratedImages.Pixels;
            for (var p = 0; p < GeneratedImages.Pixels; p++)
                pixels[offset + p] = GeneratedImages.Pixel(GeneratedImages.Sigmoid(
                    1.5 * prototype[p] + SmoothNoise * smooth[p] + PixelNoise * rowRandom.NextGaussian()));
            labels[row] = label;
        });
        return GeneratedImages.Dataset(DatasetName.GaussianMixtureImages, pixels, labels);
    }
}

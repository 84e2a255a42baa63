namespace MetaLoss.Training.Data;

/// <summary>
/// A shift of FashionMNIST's meta-training images into another domain, applied per image with the
/// image's own random stream (fixed generator seed, seed path by row). Labels and row order stay, so
/// row r of a transformed source is row r of <see cref="DatasetName.FashionMnistMetaTrain"/> changed:
/// it can hold no test or meta-validation image.
/// </summary>
internal abstract record DomainTransform(ulong GeneratorSeed)
{
    public static DomainTransform? For(DatasetName name) => name switch
    {
        DatasetName.FashionMnistRotated => new Rotation(),
        DatasetName.FashionMnistInverted => new Inversion(),
        DatasetName.FashionMnistNoisy => new Noise(),
        DatasetName.FashionMnistCropped => new Crop(),
        _ => null,
    };

    public abstract void Apply(Randomness.DeterministicRandom random, ReadOnlySpan<byte> image, Span<byte> into);

    /// <summary>Each image rotated about its centre by its own angle, uniform in +-60 degrees; corners that come from outside are black.</summary>
    private sealed record Rotation() : DomainTransform(0xD0_7A7E_0001)
    {
        public override void Apply(Randomness.DeterministicRandom random, ReadOnlySpan<byte> image, Span<byte> into)
        {
            var angle = (random.NextDouble() * 2 - 1) * Math.PI / 3;
            var (sin, cos) = Math.SinCos(angle);
            var source = Unit(image);
            const double centre = (GeneratedImages.Side - 1) / 2.0;
            for (var y = 0; y < GeneratedImages.Side; y++)
            for (var x = 0; x < GeneratedImages.Side; x++)
            {
                var dx = x - centre;
                var dy = y - centre;
                var sx = cos * dx + sin * dy + centre;
                var sy = -sin * dx + cos * dy + centre;
                into[y * GeneratedImages.Side + x] = GeneratedImages.Pixel(GeneratedImages.Bilinear(source, GeneratedImages.Side, sx, sy, outside: 0));
            }
        }
    }

    /// <summary>Light clothes on a white background.</summary>
    private sealed record Inversion() : DomainTransform(0xD0_1B7E_0002)
    {
        public override void Apply(Randomness.DeterministicRandom random, ReadOnlySpan<byte> image, Span<byte> into)
        {
            for (var p = 0; p < image.Length; p++) into[p] = (byte)(255 - image[p]);
        }
    }

    /// <summary>Gaussian noise of standard deviation 0.25 (of the pixel range) on every pixel, clamped.</summary>
    private sealed record Noise() : DomainTransform(0xD0_2015_0003)
    {
        public override void Apply(Randomness.DeterministicRandom random, ReadOnlySpan<byte> image, Span<byte> into)
        {
            for (var p = 0; p < image.Length; p++) into[p] = GeneratedImages.Pixel(image[p] / 255.0 + 0.25 * random.NextGaussian());
        }
    }

    /// <summary>A random square of 16 to 24 pixels a side, anywhere inside the image, scaled up to 28x28.</summary>
    private sealed record Crop() : DomainTransform(0xD0_C209_0004)
    {
        public override void Apply(Randomness.DeterministicRandom random, ReadOnlySpan<byte> image, Span<byte> into)
        {
            var size = 16 + random.NextInt(9);
            var left = random.NextInt(GeneratedImages.Side - size + 1);
            var top = random.NextInt(GeneratedImages.Side - size + 1);
            var source = Unit(image);
            var scale = (size - 1) / (double)(GeneratedImages.Side - 1);
            for (var y = 0; y < GeneratedImages.Side; y++)
            for (var x = 0; x < GeneratedImages.Side; x++)
                into[y * GeneratedImages.Side + x] = GeneratedImages.Pixel(GeneratedImages.Bilinear(source, GeneratedImages.Side, left + x * scale, top + y * scale, outside: 0));
        }
    }

    private static double[] Unit(ReadOnlySpan<byte> image)
    {
        var unit = new double[image.Length];
        for (var p = 0; p < image.Length; p++) unit[p] = image[p] / 255.0;
        return unit;
    }
}

namespace MetaLoss.Training.Data;

/// <summary>
/// Images labelled by a random teacher network (the idea of Hai et al. 2021: meta-train on tasks
/// nobody had to collect). Candidate images are smooth random fields; a fixed random two-layer tanh
/// network scores each against 10 classes and the highest score is its label. The scores are
/// standardised per class on a calibration sample, so every class is common, and candidates are
/// taken in row order until each class has its 1,000 (a full class skips the rest of its candidates).
/// </summary>
internal static class TeacherImages
{
    private const ulong GeneratorSeed = 0x7EAC_4E50_0001;
    private const int Coarse = 7;
    private const int Hidden = 32;
    private const int CalibrationImages = 2_000;
    private const int Block = 4_096;

    /// <summary>Far more candidates than balanced classes need (about 3x); reaching it means the teacher is broken.</summary>
    private const int MaxCandidates = 40 * GeneratedImages.Count;

    public static ImageDataset Generate()
    {
        var teacher = Teacher.Draw(GeneratedImages.RowRandom(GeneratorSeed, -1));
        var calibration = Scored(teacher, 0, CalibrationImages).Scores;
        var (mean, spread) = Standardisation(calibration);

        var pixels = new byte[GeneratedImages.Count * GeneratedImages.Pixels];
        var labels = new int[GeneratedImages.Count];
        var taken = new int[GeneratedImages.ClassCount];
        var count = 0;
        for (var start = CalibrationImages; count < GeneratedImages.Count; start += Block)
        {
            if (start >= MaxCandidates)
                throw new InvalidOperationException($"the teacher labelled too few images of some class in {MaxCandidates:N0} candidates");
            var (images, scores) = Scored(teacher, start, Block);
            for (var i = 0; i < Block && count < GeneratedImages.Count; i++)
            {
                var label = ArgMax(scores[i], mean, spread);
                if (taken[label] == GeneratedImages.PerClass) continue;
                taken[label]++;
                images[i].CopyTo(pixels.AsSpan(count * GeneratedImages.Pixels));
                labels[count++] = label;
            }
        }
        return GeneratedImages.Dataset(DatasetName.TeacherImages, pixels, labels);
    }

    /// <summary>Candidates [start, start + count): their pixels and the teacher's scores, each a function of its row alone.</summary>
    private static (byte[][] Images, double[][] Scores) Scored(Teacher teacher, int start, int count)
    {
        var images = new byte[count][];
        var scores = new double[count][];
        Parallel.For(0, count, i =>
        {
            var field = GeneratedImages.SmoothField(GeneratedImages.RowRandom(GeneratorSeed, start + i), Coarse);
            images[i] = [.. field.Select(v => GeneratedImages.Pixel(GeneratedImages.Sigmoid(1.5 * v)))];
            scores[i] = teacher.Scores(images[i]);
        });
        return (images, scores);
    }

    private static (double[] Mean, double[] Spread) Standardisation(double[][] scores)
    {
        var mean = new double[GeneratedImages.ClassCount];
        var spread = new double[GeneratedImages.ClassCount];
        for (var k = 0; k < mean.Length; k++)
        {
            var column = scores.Select(s => s[k]).ToArray();
            mean[k] = column.Average();
            spread[k] = Math.Sqrt(column.Sum(v => (v - mean[k]) * (v - mean[k])) / column.Length) + 1e-12;
        }
        return (mean, spread);
    }

    private static int ArgMax(double[] scores, double[] mean, double[] spread)
    {
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if ((scores[k] - mean[k]) / spread[k] > (scores[best] - mean[best]) / spread[best]) best = k;
        }
        return best;
    }

    /// <summary>The teacher: 784 -> 32 tanh -> 10, Gaussian weights scaled by fan-in, reading pixels centred on 0.</summary>
    private sealed record Teacher(double[] First, double[] Second)
    {
        public static Teacher Draw(Randomness.DeterministicRandom random)
        {
            var first = new double[Hidden * GeneratedImages.Pixels];
            for (var i = 0; i < first.Length; i++) first[i] = random.NextGaussian() * 4 / Math.Sqrt(GeneratedImages.Pixels);
            var second = new double[GeneratedImages.ClassCount * Hidden];
            for (var i = 0; i < second.Length; i++) second[i] = random.NextGaussian() / Math.Sqrt(Hidden);
            return new Teacher(first, second);
        }

        public double[] Scores(byte[] image)
        {
            // Centred once, not once per hidden unit: the same values, so the same sums.
            var centred = new double[GeneratedImages.Pixels];
            for (var p = 0; p < centred.Length; p++) centred[p] = image[p] / 255.0 - 0.5;
            var hidden = new double[Hidden];
            for (var h = 0; h < Hidden; h++)
            {
                var sum = 0.0;
                var weights = First.AsSpan(h * GeneratedImages.Pixels, GeneratedImages.Pixels);
                for (var p = 0; p < weights.Length; p++) sum += weights[p] * centred[p];
                hidden[h] = Math.Tanh(sum);
            }
            var scores = new double[GeneratedImages.ClassCount];
            for (var k = 0; k < scores.Length; k++)
            {
                var sum = 0.0;
                for (var h = 0; h < Hidden; h++) sum += Second[k * Hidden + h] * hidden[h];
                scores[k] = sum;
            }
            return scores;
        }
    }
}

using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Data;

/// <summary>
/// Draws an episode's rows from a seed: exactly <c>perClassTrain</c> training rows of each class,
/// then a validation set drawn uniformly from the remaining rows of those classes. The same seed and
/// dataset give the same episode on any machine.
/// </summary>
public static class EpisodeSampler
{
    public static EpisodeSample Sample(
        ImageDataset data, int perClassTrain, int validationSize, ulong seed, IReadOnlyList<int>? classes = null)
    {
        var chosenClasses = classes is null ? [.. Enumerable.Range(0, data.ClassCount)] : classes.ToArray();
        var index = ClassIndex.For(data);
        Validate(data, index, perClassTrain, validationSize, chosenClasses);

        // Renumbers original class ids to episode labels 0..K-1; -1 marks classes outside the episode.
        var episodeLabel = Enumerable.Repeat(-1, data.ClassCount).ToArray();
        for (var k = 0; k < chosenClasses.Length; k++)
            episodeLabel[chosenClasses[k]] = k;

        var random = new DeterministicRandom(seed);
        var train = new long[chosenClasses.Length * perClassTrain];
        var remaining = new int[chosenClasses.Sum(c => index.RowsOf(c).Length) - train.Length];
        var trainCount = 0;
        var remainingCount = 0;
        foreach (var classId in chosenClasses)
        {
            var rows = index.RowsOf(classId).ToArray();
            PartialShuffle(random, rows, perClassTrain);
            foreach (var row in rows.AsSpan(0, perClassTrain))
                train[trainCount++] = row;
            rows.AsSpan(perClassTrain).CopyTo(remaining.AsSpan(remainingCount));
            remainingCount += rows.Length - perClassTrain;
        }
        // Interleave the classes so that any slice of the training set is itself roughly balanced.
        random.Shuffle(train);

        PartialShuffle(random, remaining, validationSize);
        var validation = new long[validationSize];
        for (var i = 0; i < validationSize; i++)
            validation[i] = remaining[i];

        return new EpisodeSample(
            train,
            EpisodeLabels(data, train, episodeLabel),
            validation,
            EpisodeLabels(data, validation, episodeLabel),
            chosenClasses);
    }

    /// <summary>Fisher-Yates for the first <paramref name="count"/> positions only: a uniform sample without replacement, in random order.</summary>
    private static void PartialShuffle(DeterministicRandom random, int[] items, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt(items.Length - i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static long[] EpisodeLabels(ImageDataset data, long[] rows, int[] episodeLabel)
    {
        var labels = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
            labels[i] = episodeLabel[data.Labels[(int)rows[i]]];
        return labels;
    }

    private static void Validate(
        ImageDataset data, ClassIndex index, int perClassTrain, int validationSize, int[] classes)
    {
        if (perClassTrain < 1)
            throw new ArgumentOutOfRangeException(nameof(perClassTrain), perClassTrain, "need at least one training example per class");
        if (validationSize < 1)
            throw new ArgumentOutOfRangeException(nameof(validationSize), validationSize, "need at least one validation example");
        if (classes.Length == 0)
            throw new ArgumentException("an episode needs at least one class", nameof(classes));
        var seen = new HashSet<int>();
        foreach (var classId in classes)
        {
            if (classId < 0 || classId >= data.ClassCount)
                throw new ArgumentException($"class {classId} is out of range: {data.Name} has classes 0..{data.ClassCount - 1}", nameof(classes));
            if (!seen.Add(classId))
                throw new ArgumentException($"class {classId} is listed more than once", nameof(classes));
            var available = index.RowsOf(classId).Length;
            if (available < perClassTrain)
                throw new ArgumentException(
                    $"class {classId} of {data.Name} has {available:N0} rows, fewer than the {perClassTrain:N0} training examples asked for",
                    nameof(perClassTrain));
        }
        var left = classes.Sum(c => index.RowsOf(c).Length) - classes.Length * perClassTrain;
        if (validationSize > left)
            throw new ArgumentException(
                $"validation size {validationSize:N0} exceeds the {left:N0} rows of the chosen classes left after training",
                nameof(validationSize));
    }
}

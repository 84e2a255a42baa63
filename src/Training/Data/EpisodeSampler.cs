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
        // Each class's rows after its partial shuffle: only the positions the shuffle touched differ
        // from the index, so they are kept aside rather than copying every row of every class.
        var moved = new Dictionary<int, int>[chosenClasses.Length];
        var trainCount = 0;
        for (var k = 0; k < chosenClasses.Length; k++)
        {
            var classId = chosenClasses[k];
            moved[k] = [];
            foreach (var row in PartialShuffle(random, index.RowsOf(classId).Length, p => index.RowsOf(classId)[p], moved[k], perClassTrain))
                train[trainCount++] = row;
        }
        // Interleave the classes so that any slice of the training set is itself roughly balanced.
        random.Shuffle(train);

        var remaining = new RemainingRows(index, chosenClasses, moved, perClassTrain);
        var validation = Array.ConvertAll(PartialShuffle(random, remaining.Count, remaining.At, [], validationSize), row => (long)row);

        return new EpisodeSample(
            train,
            EpisodeLabels(data, train, episodeLabel),
            validation,
            EpisodeLabels(data, validation, episodeLabel),
            chosenClasses);
    }

    /// <summary>
    /// Fisher-Yates for the first <paramref name="count"/> positions of <paramref name="length"/> rows
    /// (row p is <paramref name="at"/>(p)) only: a uniform sample without replacement, in random order.
    /// The rows are not copied: what the swaps put elsewhere is recorded in <paramref name="moved"/>
    /// (position to row), so the cost is the sample's size, not the list's.
    /// </summary>
    private static int[] PartialShuffle(DeterministicRandom random, int length, Func<int, int> at, Dictionary<int, int> moved, int count)
    {
        var sample = new int[count];
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt(length - i);
            var atI = moved.TryGetValue(i, out var movedI) ? movedI : at(i);
            var atJ = moved.TryGetValue(j, out var movedJ) ? movedJ : at(j);
            (moved[i], moved[j]) = (atJ, atI);
            sample[i] = atJ;
        }
        return sample;
    }

    /// <summary>The rows each class has left after its training rows, class after class, as one list.</summary>
    private sealed class RemainingRows(ClassIndex index, int[] classes, Dictionary<int, int>[] moved, int skipped)
    {
        public int Count { get; } = classes.Sum(c => index.RowsOf(c).Length - skipped);

        public int At(int position)
        {
            for (var k = 0; ; k++)
            {
                var rows = index.RowsOf(classes[k]);
                if (position < rows.Length - skipped)
                    return moved[k].TryGetValue(skipped + position, out var row) ? row : rows[skipped + position];
                position -= rows.Length - skipped;
            }
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

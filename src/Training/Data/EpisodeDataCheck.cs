namespace MetaLoss.Training.Data;

/// <summary>
/// Whether a dataset can give an episode of a spec: every class the episode uses is present with
/// at least its training examples, and enough images are left for a disjoint validation set. Says
/// in one line what is missing, in the spec's own terms (the sampler's own checks speak of rows).
/// </summary>
public static class EpisodeDataCheck
{
    /// <param name="classes">the dataset's class ids the episode uses; null: all of them</param>
    public static void Check(ImageDataset data, int perClassTrain, int validationSize, IReadOnlyList<int>? classes = null)
    {
        classes ??= [.. Enumerable.Range(0, data.ClassCount)];
        if (classes.Count == 0) throw new ArgumentException("an episode needs at least one class");
        var outside = classes.Where(c => c < 0 || c >= data.ClassCount).ToList();
        if (outside.Count > 0)
            throw new ArgumentException($"class {outside[0]} is out of range: {data.Name} has classes 0..{data.ClassCount - 1}");
        if (classes.Distinct().Count() != classes.Count)
            throw new ArgumentException($"the episode's classes ({string.Join(", ", classes)}) list a class more than once");

        var index = ClassIndex.For(data);
        var absent = classes.Where(c => index.RowsOf(c).Length == 0).ToList();
        if (absent.Count > 0)
        {
            var present = Enumerable.Range(0, data.ClassCount).Where(c => index.RowsOf(c).Length > 0).ToList();
            throw new ArgumentException(
                $"{data.Name} has no images of class{(absent.Count > 1 ? "es" : "")} {string.Join(", ", absent)} " +
                $"(its {data.Count:N0} labels are all of class{(present.Count > 1 ? "es" : "")} {string.Join(", ", present)}); " +
                $"a class-balanced episode needs {perClassTrain:N0} of each of its {classes.Count} classes");
        }
        var scarcest = classes.MinBy(c => index.RowsOf(c).Length);
        var fewest = index.RowsOf(scarcest).Length;
        if (fewest < perClassTrain)
            throw new ArgumentException(
                $"an episode takes {perClassTrain:N0} training images of each of its {classes.Count} classes, " +
                $"but class {scarcest} of {data.Name} has only {fewest:N0}");

        long available = classes.Sum(c => (long)index.RowsOf(c).Length);
        var training = (long)perClassTrain * classes.Count;
        if (validationSize > available - training)
            throw new ArgumentException(
                $"an episode takes {training:N0} training images ({perClassTrain:N0} x {classes.Count} classes) and " +
                $"{validationSize:N0} validation images, disjoint, but {data.Name} has {available:N0} images of those classes, " +
                $"so at most {available - training:N0} validation images");
    }
}

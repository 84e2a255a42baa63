namespace MetaLoss.Training.Data;

/// <summary>The command-line spelling of <see cref="DatasetName"/>, e.g. "fashion-mnist-train".</summary>
public static class DatasetNames
{
    // An array, not a dictionary, so that error messages list the names in a fixed order.
    private static readonly (DatasetName Name, string Spelling)[] Spellings =
    [
        (DatasetName.FashionMnistTrain, "fashion-mnist-train"),
        (DatasetName.FashionMnistTest, "fashion-mnist-test"),
        (DatasetName.Cifar10Train, "cifar10-train"),
        (DatasetName.Cifar10Test, "cifar10-test"),
        (DatasetName.FashionMnistMetaTrain, "fashion-mnist-meta-train"),
        (DatasetName.FashionMnistMetaValidation, "fashion-mnist-meta-validation"),
        (DatasetName.TeacherImages, "teacher"),
        (DatasetName.GaussianMixtureImages, "gaussian-mixture"),
        (DatasetName.FashionMnistRotated, "fashion-mnist-rotated"),
        (DatasetName.FashionMnistInverted, "fashion-mnist-inverted"),
        (DatasetName.FashionMnistNoisy, "fashion-mnist-noisy"),
        (DatasetName.FashionMnistCropped, "fashion-mnist-cropped"),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Spellings.Select(s => s.Spelling)];

    public static string Format(DatasetName name)
    {
        foreach (var (known, spelling) in Spellings)
        {
            if (known == name) return spelling;
        }
        throw new ArgumentOutOfRangeException(nameof(name), name, "not a known dataset");
    }

    /// <summary>Case-insensitive, surrounding blanks ignored.</summary>
    public static DatasetName Parse(string text) =>
        TryParse(text, out var name) ? name : throw new ArgumentException($"unknown dataset '{text}'; valid names are: {string.Join(", ", All)}", nameof(text));

    public static bool TryParse(string text, out DatasetName name)
    {
        var trimmed = text.Trim();
        foreach (var (known, spelling) in Spellings)
        {
            if (!string.Equals(spelling, trimmed, StringComparison.OrdinalIgnoreCase)) continue;
            name = known;
            return true;
        }
        name = default;
        return false;
    }
}

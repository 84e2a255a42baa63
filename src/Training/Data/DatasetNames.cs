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
    public static DatasetName Parse(string text)
    {
        var trimmed = text.Trim();
        foreach (var (name, spelling) in Spellings)
        {
            if (string.Equals(spelling, trimmed, StringComparison.OrdinalIgnoreCase)) return name;
        }
        throw new ArgumentException($"unknown dataset '{text}'; valid names are: {string.Join(", ", All)}", nameof(text));
    }
}

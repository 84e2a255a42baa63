using MetaLoss.Training.Baselines.Families;

namespace MetaLoss.Training.Baselines;

/// <summary>The registered baseline families: the tuner, the evaluation's contenders, its CSV, tables and figures all follow this list.</summary>
public static class BaselineFamilies
{
    /// <summary>In report order: CE's, its variants', then MSE's.</summary>
    public static IReadOnlyList<BaselineFamily> All { get; } =
    [
        CrossEntropyBaseline.Family,
        CrossEntropyScheduleBaseline.Family,
        LabelSmoothingBaseline.Family,
        PolyOneBaseline.Family,
        FocalBaseline.Family,
        MeanSquaredErrorBaseline.Family,
    ];

    /// <summary>The family called <paramref name="name"/> (see <see cref="BaselineFamily.Name"/>).</summary>
    public static BaselineFamily Named(string name) =>
        All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no baseline family '{name}'; known: {string.Join(", ", All.Select(f => f.Name))}");
}

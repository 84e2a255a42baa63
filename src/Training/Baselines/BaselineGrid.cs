using System.Collections.Immutable;
using MetaLoss.Training.Evaluation;

namespace MetaLoss.Training.Baselines;

/// <summary>
/// What the baselines are tuned over: the families to tune and the values of each axis they read.
/// An axis not set keeps its defaults, so <see cref="Default"/> is every family over its default grid.
/// </summary>
public sealed class BaselineGrid
{
    private readonly ImmutableDictionary<GridAxis, object> _values;

    private BaselineGrid(IReadOnlyList<BaselineFamily> families, ImmutableDictionary<GridAxis, object> values)
    {
        Families = families;
        _values = values;
    }

    public static BaselineGrid Default { get; } = new(BaselineFamilies.All, ImmutableDictionary<GridAxis, object>.Empty);

    /// <summary>The families tuned, in report order.</summary>
    public IReadOnlyList<BaselineFamily> Families { get; }

    /// <summary>Every axis the families read, once each, in family order.</summary>
    public IReadOnlyList<GridAxis> Axes => [.. Families.SelectMany(f => f.Axes).Distinct()];

    public IReadOnlyList<T> Values<T>(GridAxis<T> axis) => _values.TryGetValue(axis, out var values) ? (IReadOnlyList<T>)values : axis.Defaults;

    public BaselineGrid With<T>(GridAxis<T> axis, IReadOnlyList<T> values) => new(Families, _values.SetItem(axis, values.ToList()));

    /// <summary>Tunes only <paramref name="families"/> (in this order); the axis values stay.</summary>
    public BaselineGrid WithFamilies(IReadOnlyList<BaselineFamily> families)
    {
        if (families.Count == 0) throw new ArgumentException("the baseline grid needs at least one family");
        if (families.Distinct().Count() != families.Count) throw new ArgumentException("a baseline family is listed twice");
        return new(families.ToList(), _values);
    }

    /// <summary>This grid, once every axis is usable; otherwise an ArgumentException naming the option.</summary>
    public BaselineGrid Checked()
    {
        foreach (var axis in Axes) axis.Check(this);
        return this;
    }

    /// <summary>Every grid point, family by family, each family's in its own grid order; throws for an unusable axis first.</summary>
    public IReadOnlyList<(BaselineFamily Family, LossSetting Setting)> Candidates()
    {
        Checked();
        return [.. Families.SelectMany(family => family.Candidates(this).Select(setting => (family, setting)))];
    }
}

namespace MetaLoss.Training.Models;

/// <summary>Layer sizes of the 3-layer fully connected classifier.</summary>
public sealed record ClassifierShape(int InputSize, int FirstHidden, int SecondHidden, int ClassCount)
{
    public IReadOnlyList<(int In, int Out)> Layers =>
        [(InputSize, FirstHidden), (FirstHidden, SecondHidden), (SecondHidden, ClassCount)];

    public void Validate()
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(InputSize), InputSize), (nameof(FirstHidden), FirstHidden),
                     (nameof(SecondHidden), SecondHidden), (nameof(ClassCount), ClassCount),
                 })
        {
            if (value <= 0) throw new ArgumentException($"classifier {name} must be positive, got {value}");
        }
        if (ClassCount < 2) throw new ArgumentException($"a classifier needs at least 2 classes, got {ClassCount}");
    }
}

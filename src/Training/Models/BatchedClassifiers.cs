using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>Makes the classifier population of a batch from the kind its episodes name.</summary>
public static class BatchedClassifiers
{
    /// <summary>
    /// Members start from their own seeds; <paramref name="firstHidden"/> and <paramref name="secondHidden"/>
    /// size the MLP's layers (the CNN's channels are fixed, its image shape comes from <paramref name="featureCount"/>).
    /// </summary>
    public static IBatchedClassifier Create(ClassifierKind kind, int featureCount, int firstHidden, int secondHidden, int classCount,
        IReadOnlyList<ulong> initSeeds, Device? device = null) => kind switch
    {
        ClassifierKind.Mlp => new BatchedMlpClassifier(new ClassifierShape(featureCount, firstHidden, secondHidden, classCount), initSeeds, device),
        ClassifierKind.Cnn => new BatchedCnnClassifier(CnnShape.For(featureCount, classCount), initSeeds, device),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a known classifier kind"),
    };
}

namespace MetaLoss.Training.Data;

/// <summary>Which splits are for meta-training (tuning, evolution) and which are held out for meta-testing.</summary>
public static class DatasetSplits
{
    public static bool IsTrainingSplit(DatasetName name) => name is DatasetName.FashionMnistTrain or DatasetName.Cifar10Train
        or DatasetName.FashionMnistMetaValidation || IsMetaTrainingSource(name);

    /// <summary>
    /// What evolution may train on: FashionMNIST's meta-training part, the generated sources and the
    /// transformed meta-training part. None holds a test or meta-validation image.
    /// </summary>
    public static bool IsMetaTrainingSource(DatasetName name) => name is DatasetName.FashionMnistMetaTrain
        or DatasetName.TeacherImages or DatasetName.GaussianMixtureImages
        or DatasetName.FashionMnistRotated or DatasetName.FashionMnistInverted
        or DatasetName.FashionMnistNoisy or DatasetName.FashionMnistCropped;

    /// <summary>The meta-training sources, in <see cref="DatasetName"/> order.</summary>
    public static IReadOnlyList<DatasetName> MetaTrainingSources { get; } = [.. Enum.GetValues<DatasetName>().Where(IsMetaTrainingSource)];

    /// <summary>The part held out from <paramref name="metaTraining"/> for meta-validation, or null if none is.</summary>
    public static DatasetName? MetaValidationPartOf(DatasetName metaTraining) =>
        metaTraining == DatasetName.FashionMnistMetaTrain ? DatasetName.FashionMnistMetaValidation : null;
}

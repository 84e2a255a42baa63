namespace MetaLoss.Training.Data;

/// <summary>Which splits are for meta-training (tuning, evolution) and which are held out for meta-testing.</summary>
public static class DatasetSplits
{
    public static bool IsTrainingSplit(DatasetName name) => name is DatasetName.FashionMnistTrain or DatasetName.Cifar10Train
        or DatasetName.FashionMnistMetaTrain or DatasetName.FashionMnistMetaValidation;

    /// <summary>The part held out from <paramref name="metaTraining"/> for meta-validation, or null if none is.</summary>
    public static DatasetName? MetaValidationPartOf(DatasetName metaTraining) =>
        metaTraining == DatasetName.FashionMnistMetaTrain ? DatasetName.FashionMnistMetaValidation : null;
}

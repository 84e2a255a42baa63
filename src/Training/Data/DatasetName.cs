namespace MetaLoss.Training.Data;

/// <summary>The dataset splits episodes are drawn from.</summary>
public enum DatasetName
{
    FashionMnistTrain,
    FashionMnistTest,
    Cifar10Train,
    Cifar10Test,

    /// <summary>FashionMNIST's train split without its last <see cref="DatasetLoader.MetaValidationImages"/> images: what evolution trains on.</summary>
    FashionMnistMetaTrain,

    /// <summary>The last <see cref="DatasetLoader.MetaValidationImages"/> images of FashionMNIST's train split, held out to pick the best MLN.</summary>
    FashionMnistMetaValidation,
}

namespace MetaLoss.Training.Data;

/// <summary>The dataset splits episodes are drawn from.</summary>
public enum DatasetName
{
    FashionMnistTrain,
    FashionMnistTest,
    Cifar10Train,
    Cifar10Test,
}

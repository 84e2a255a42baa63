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

    /// <summary>Generated, no download: smooth random images labelled by a random teacher network (<see cref="TeacherImages"/>).</summary>
    TeacherImages,

    /// <summary>Generated, no download: class-conditional Gaussian mixtures of smooth images (<see cref="GaussianMixtureImages"/>).</summary>
    GaussianMixtureImages,

    /// <summary><see cref="FashionMnistMetaTrain"/>, each image rotated (<see cref="DomainTransform"/>); never test or meta-validation rows.</summary>
    FashionMnistRotated,

    /// <summary><see cref="FashionMnistMetaTrain"/> with inverted pixels.</summary>
    FashionMnistInverted,

    /// <summary><see cref="FashionMnistMetaTrain"/> with Gaussian pixel noise.</summary>
    FashionMnistNoisy,

    /// <summary><see cref="FashionMnistMetaTrain"/>, each image a random crop scaled back to 28x28.</summary>
    FashionMnistCropped,
}

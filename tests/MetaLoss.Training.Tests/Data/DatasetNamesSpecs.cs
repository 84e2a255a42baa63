using MetaLoss.Training.Data;

namespace MetaLoss.Training.Tests.Data;

public sealed class DatasetNamesSpecs
{
    [Theory]
    [InlineData("fashion-mnist-train", DatasetName.FashionMnistTrain)]
    [InlineData("fashion-mnist-test", DatasetName.FashionMnistTest)]
    [InlineData("cifar10-train", DatasetName.Cifar10Train)]
    [InlineData("cifar10-test", DatasetName.Cifar10Test)]
    [InlineData("fashion-mnist-meta-train", DatasetName.FashionMnistMetaTrain)]
    [InlineData("fashion-mnist-meta-validation", DatasetName.FashionMnistMetaValidation)]
    public void Should_parse_and_format_each_cli_name(string text, DatasetName name)
    {
        Assert.Equal(name, DatasetNames.Parse(text));
        Assert.Equal(text, DatasetNames.Format(name));
    }

    [Fact]
    public void Should_parse_regardless_of_case_and_surrounding_blanks()
    {
        Assert.Equal(DatasetName.Cifar10Test, DatasetNames.Parse("  CIFAR10-Test "));
    }

    [Fact]
    public void Should_name_every_dataset()
    {
        Assert.Equal(Enum.GetValues<DatasetName>().Length, DatasetNames.All.Distinct().Count());
    }

    [Fact]
    public void Should_reject_unknown_name_listing_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetNames.Parse("mnist-train"));

        Assert.Contains("'mnist-train'", error.Message);
        Assert.Contains("fashion-mnist-train, fashion-mnist-test, cifar10-train, cifar10-test", error.Message);
    }
}

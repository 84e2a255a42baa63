using TorchSharp;

namespace MetaLoss.Training.Tests;

public class TorchLoadsSpecs
{
    [Fact]
    public void Should_multiply_matrices_with_native_libtorch()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var b = torch.tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        using var c = torch.mm(a, b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
    }
}

using MetaLoss.Training.Models;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

public class SlicedForwardSpecs
{
    [Fact]
    public void Should_give_the_logits_of_the_whole_pass_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        var features = randn([3, 10, 4], generator: new Generator(7));
        var weights = randn([3, 4, 5], generator: new Generator(8));

        var whole = bmm(features, weights).relu();
        var sliced = SlicedForward.Logits(features, 3, slice => bmm(slice, weights).relu());

        Assert.Equal(new long[] { 3, 10, 5 }, sliced.shape);
        Assert.Equal(whole.data<float>().ToArray(), sliced.data<float>().ToArray());
    }

    [Fact]
    public void Should_free_a_slices_activations_before_the_next_slice_runs()
    {
        using var scope = NewDisposeScope();
        var features = ones([2, 10, 4]);
        var activations = new List<Tensor>();
        var stillAlive = new List<int>();

        var logits = SlicedForward.Logits(features, 4, slice =>
        {
            stillAlive.Add(activations.Count(a => !a.IsInvalid));
            var hidden = slice.mul(2);
            activations.Add(hidden);
            return hidden.sum(2, keepdim: true);
        });

        Assert.Equal(new long[] { 2, 10, 1 }, logits.shape);
        Assert.Equal([0, 0, 0], stillAlive);
        Assert.All(activations, a => Assert.True(a.IsInvalid));
        Assert.False(logits.IsInvalid, "the logits must outlive the pass, in the caller's scope");
    }

    [Fact]
    public void Should_refuse_an_empty_slice()
    {
        using var features = ones([1, 4, 2]);

        Assert.Throws<ArgumentOutOfRangeException>(() => SlicedForward.Logits(features, 0, slice => slice));
    }
}

using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Tests.Evolution;

public class GenomeSpecs
{
    [Fact]
    public void Should_equal_a_genome_with_the_same_contents()
    {
        var a = new Genome([1f, 2f, 3f], [0.1f, 0.2f, 0.3f]);
        var b = new Genome([1f, 2f, 3f], [0.1f, 0.2f, 0.3f]);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Should_differ_when_phi_or_sigma_differ()
    {
        var a = new Genome([1f, 2f], [0.1f, 0.2f]);

        Assert.NotEqual(a, new Genome([1f, 2.0000002f], [0.1f, 0.2f]));
        Assert.NotEqual(a, new Genome([1f, 2f], [0.1f, 0.25f]));
    }

    [Fact]
    public void Should_compare_bit_for_bit()
    {
        // 0 and -0 compare equal as floats but are different bits: a resumed run must match exactly.
        Assert.NotEqual(new Genome([0f], [1f]), new Genome([-0f], [1f]));
    }

    [Fact]
    public void Should_copy_its_inputs()
    {
        var phi = new[] { 1f, 2f };
        var sigma = new[] { 0.1f, 0.2f };
        var genome = new Genome(phi, sigma);

        phi[0] = 99f;
        sigma[0] = 99f;

        Assert.Equal([1f, 2f], genome.Phi);
        Assert.Equal([0.1f, 0.2f], genome.Sigma);
    }

    [Fact]
    public void Should_fill_uniform_sigma()
    {
        var genome = Genome.WithUniformSigma([1f, 2f, 3f], 0.5f);

        Assert.Equal([0.5f, 0.5f, 0.5f], genome.Sigma);
        Assert.Equal(3, genome.Length);
    }

    [Fact]
    public void Should_reject_mismatched_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => new Genome([1f, 2f], [0.1f]));
        Assert.Equal("sigma", error.ParamName);
    }

    [Fact]
    public void Should_reject_empty_phi()
    {
        var error = Assert.Throws<ArgumentException>(() => new Genome([], []));
        Assert.Equal("phi", error.ParamName);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Should_reject_non_finite_phi(float value)
    {
        var error = Assert.Throws<ArgumentException>(() => new Genome([0f, value], [1f, 1f]));
        Assert.Equal("phi", error.ParamName);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Should_reject_sigma_that_is_not_finite_and_positive(float value)
    {
        var error = Assert.Throws<ArgumentException>(() => new Genome([0f, 0f], [1f, value]));
        Assert.Equal("sigma", error.ParamName);
    }
}

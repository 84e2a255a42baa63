using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Tests.Evolution;

public class PopulationSpecs
{
    private static readonly Genome A = new([1f, 2f], [0.1f, 0.1f]);
    private static readonly Genome B = new([3f, 4f], [0.1f, 0.1f]);

    [Fact]
    public void Should_equal_a_population_with_the_same_generation_and_parents()
    {
        var first = new Population(3, [A, B]);
        var second = new Population(3, [new Genome([1f, 2f], [0.1f, 0.1f]), new Genome([3f, 4f], [0.1f, 0.1f])]);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Should_differ_by_generation_parent_order_or_contents()
    {
        var population = new Population(3, [A, B]);

        Assert.NotEqual(population, new Population(4, [A, B]));
        Assert.NotEqual(population, new Population(3, [B, A]));
        Assert.NotEqual(population, new Population(3, [A, A]));
    }

    [Fact]
    public void Should_copy_the_parent_list()
    {
        var parents = new List<Genome> { A, B };
        var population = new Population(0, parents);

        parents[0] = B;

        Assert.Same(A, population.Parents[0]);
    }

    [Fact]
    public void Should_reject_parents_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => new Population(0, [A, new Genome([1f], [1f])]));
        Assert.Equal("parents", error.ParamName);
    }

    [Fact]
    public void Should_reject_an_empty_population_or_negative_generation()
    {
        Assert.Throws<ArgumentException>(() => new Population(0, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Population(-1, [A]));
    }
}

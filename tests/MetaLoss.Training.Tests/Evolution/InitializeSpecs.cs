using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Tests.Evolution;

public class InitializeSpecs
{
    private static readonly EvolutionSettings Settings = new() { Parents = 6, InitialSigma = 0.05f };

    [Fact]
    public void Should_start_at_generation_zero_with_T_parents()
    {
        var population = SelfAdaptiveEvolution.Initialize(new float[10], Settings, 1);

        Assert.Equal(0, population.Generation);
        Assert.Equal(Settings.Parents, population.Parents.Count);
        Assert.Equal(10, population.ParameterCount);
    }

    [Fact]
    public void Should_keep_the_initial_phi_as_parent_zero()
    {
        var initialPhi = SelfAdaptiveEvolution.RandomPhi(10, 1f, 2);

        var population = SelfAdaptiveEvolution.Initialize(initialPhi, Settings, 1);

        Assert.Equal(Genome.WithUniformSigma(initialPhi, Settings.InitialSigma), population.Parents[0]);
    }

    [Fact]
    public void Should_mutate_the_other_parents_from_the_initial_phi()
    {
        var initialPhi = SelfAdaptiveEvolution.RandomPhi(10, 1f, 2);

        var population = SelfAdaptiveEvolution.Initialize(initialPhi, Settings, 1);

        var others = population.Parents.Skip(1).ToArray();
        Assert.Equal(others.Length, others.Distinct().Count());
        foreach (var parent in others)
        {
            Assert.NotEqual(initialPhi, parent.Phi);
            Assert.NotEqual(Enumerable.Repeat(Settings.InitialSigma, 10), parent.Sigma);
            // A few mutation strengths away from the start, not somewhere random.
            for (var j = 0; j < initialPhi.Length; j++)
                Assert.InRange(parent.Phi[j], initialPhi[j] - 1f, initialPhi[j] + 1f);
        }
    }

    [Fact]
    public void Should_be_a_pure_function_of_its_inputs()
    {
        var initialPhi = SelfAdaptiveEvolution.RandomPhi(10, 1f, 2);

        var first = SelfAdaptiveEvolution.Initialize(initialPhi, Settings, 1);

        Assert.Equal(first, SelfAdaptiveEvolution.Initialize(initialPhi, Settings, 1));
        Assert.NotEqual(first, SelfAdaptiveEvolution.Initialize(initialPhi, Settings, 2));
    }

    [Fact]
    public void Should_draw_random_phi_reproducibly_at_the_given_scale()
    {
        var phi = SelfAdaptiveEvolution.RandomPhi(20_000, 0.3f, 4);
        var mean = phi.Average();
        var std = Math.Sqrt(phi.Sum(p => (p - mean) * (p - mean)) / (phi.Length - 1));

        Assert.Equal(phi, SelfAdaptiveEvolution.RandomPhi(20_000, 0.3f, 4));
        Assert.NotEqual(phi, SelfAdaptiveEvolution.RandomPhi(20_000, 0.3f, 5));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(std, 0.29, 0.31);
    }

    [Fact]
    public void Should_reject_bad_random_phi_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SelfAdaptiveEvolution.RandomPhi(0, 1f, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SelfAdaptiveEvolution.RandomPhi(3, -1f, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SelfAdaptiveEvolution.RandomPhi(3, float.NaN, 1));
    }
}

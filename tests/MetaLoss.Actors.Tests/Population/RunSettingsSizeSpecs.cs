using MetaLoss.Actors.Messages;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>Counts that would overflow, or a generation too large to hold, are refused before anything is written.</summary>
public sealed class RunSettingsSizeSpecs
{
    private static RunSettings WithDefaultMln(int parents, int episodes = 3) =>
        TestRuns.Settings(parents, episodes) with { Architecture = MlnArchitecture.Default };

    [Fact]
    public void Should_refuse_a_population_whose_candidates_overflow_an_int()
    {
        var error = Assert.Throws<ArgumentException>(() => WithDefaultMln(1 << 30).Validate());
        Assert.Contains($"at most {RunSettings.MaxEpisodesPerGeneration:N0}", error.Message);
    }

    [Fact]
    public void Should_refuse_a_population_whose_genomes_do_not_fit_one_generation()
    {
        var largest = (int)(RunSettings.MaxGenerationBytes / (2L * 2 * MlnArchitecture.Default.ParameterCount * sizeof(float)));
        // One episode per candidate, so the episode cap leaves room for this many candidates.
        WithDefaultMln(largest, episodes: 1).Validate();
        var error = Assert.Throws<ArgumentException>(() => WithDefaultMln(largest + 1, episodes: 1).Validate());
        Assert.Contains($"population {largest + 1:N0} is too large", error.Message);
        Assert.Contains($"at most {largest:N0} parents", error.Message);
    }

    [Fact]
    public void Should_refuse_episodes_per_generation_that_overflow_an_int()
    {
        var error = Assert.Throws<ArgumentException>(() => WithDefaultMln(40_000, episodes: 100_000).Validate());
        Assert.Contains("8,000,000,000 episodes", error.Message);
    }

    [Fact]
    public void Should_count_meta_validation_episodes_in_a_generation()
    {
        var settings = WithDefaultMln(10, episodes: 1) with
        {
            Template = TestRuns.ValidatedSettings().Template,
            MetaValidation = MetaValidation.Default with { Episodes = int.MaxValue - 5, TopCandidates = 1 },
        };
        var error = Assert.Throws<ArgumentException>(() => settings.Validate());
        Assert.Contains("meta-validation of 1 candidates on 2147483642 episodes", error.Message);
    }

    [Fact]
    public void Should_accept_absurd_generations_when_nothing_overflows()
    {
        (TestRuns.Settings() with { Generations = int.MaxValue }).Validate();
        new EvolutionSettings { Parents = EvolutionSettings.MaxParents }.Validate();
    }
}

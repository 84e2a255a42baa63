using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Tests.Evolution;

public class EvolutionSettingsSpecs
{
    [Fact]
    public void Should_default_to_the_documented_values()
    {
        var settings = new EvolutionSettings();

        Assert.Equal(10, settings.Parents);
        Assert.Equal(0.1f, settings.InitialSigma);
        Assert.Equal(1e-5f, settings.SigmaFloor);
        Assert.Equal(1.0f, settings.SigmaCeiling);
        Assert.Null(settings.Tau);
        Assert.Null(settings.TauPrime);
        Assert.Same(settings, settings.Validate());
    }

    [Fact]
    public void Should_use_the_standard_learning_rates_by_default()
    {
        var settings = new EvolutionSettings();

        // n = 100: tau = 1/sqrt(2*sqrt(100)) = 1/sqrt(20), tau' = 1/sqrt(200).
        Assert.Equal(1 / Math.Sqrt(20), settings.TauFor(100), 12);
        Assert.Equal(1 / Math.Sqrt(200), settings.TauPrimeFor(100), 12);
    }

    [Fact]
    public void Should_use_overridden_learning_rates()
    {
        var settings = new EvolutionSettings { Tau = 0.3, TauPrime = 0.05 };

        Assert.Equal(0.3, settings.TauFor(100));
        Assert.Equal(0.05, settings.TauPrimeFor(100));
    }

    public static TheoryData<EvolutionSettings, string> InvalidSettings => new()
    {
        { new EvolutionSettings { Parents = 0 }, nameof(EvolutionSettings.Parents) },
        { new EvolutionSettings { SigmaFloor = 0f }, nameof(EvolutionSettings.SigmaFloor) },
        { new EvolutionSettings { SigmaFloor = float.NaN }, nameof(EvolutionSettings.SigmaFloor) },
        { new EvolutionSettings { SigmaCeiling = 1e-6f }, nameof(EvolutionSettings.SigmaCeiling) },
        { new EvolutionSettings { SigmaCeiling = float.PositiveInfinity }, nameof(EvolutionSettings.SigmaCeiling) },
        { new EvolutionSettings { InitialSigma = 2f }, nameof(EvolutionSettings.InitialSigma) },
        { new EvolutionSettings { InitialSigma = 1e-6f }, nameof(EvolutionSettings.InitialSigma) },
        { new EvolutionSettings { InitialSigma = float.NaN }, nameof(EvolutionSettings.InitialSigma) },
        { new EvolutionSettings { Tau = -0.1 }, nameof(EvolutionSettings.Tau) },
        { new EvolutionSettings { Tau = double.NaN }, nameof(EvolutionSettings.Tau) },
        { new EvolutionSettings { TauPrime = double.PositiveInfinity }, nameof(EvolutionSettings.TauPrime) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Should_name_the_invalid_field(EvolutionSettings settings, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Should_be_validated_by_the_strategy()
    {
        var error = Assert.Throws<ArgumentException>(
            () => SelfAdaptiveEvolution.Initialize([0f], new EvolutionSettings { Parents = 0 }, 1));

        Assert.Equal(nameof(EvolutionSettings.Parents), error.ParamName);
    }

    [Fact]
    public void Should_reject_a_parameter_count_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvolutionSettings().TauFor(0));
    }
}

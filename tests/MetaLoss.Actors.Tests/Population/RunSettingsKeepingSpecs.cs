using MetaLoss.Actors.Messages;
using MetaLoss.Training.Data;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>A resume keeps the journal's value of every setting its command left out, and only those.</summary>
public sealed class RunSettingsKeepingSpecs
{
    private static readonly RunSettings Asked = TestRuns.ValidatedSettings();

    /// <summary>A run that differs from <see cref="Asked"/> in every setting a command can state.</summary>
    private static readonly RunSettings Journaled = Asked with
    {
        Seed = Asked.Seed + 1,
        Generations = Asked.Generations + 1,
        Evolution = Asked.Evolution with { Parents = Asked.Evolution.Parents + 1, InitialSigma = 0.3f },
        Strategy = SearchStrategyName.CmaEs,
        EpisodesPerCandidate = Asked.EpisodesPerCandidate + 1,
        PairedEpisodes = !Asked.PairedEpisodes,
        BatchSize = Asked.BatchSize + 1,
        Architecture = Asked.Architecture with { ProgressInput = !Asked.Architecture.ProgressInput },
        Init = MlnInit.MeanSquaredErrorFit,
        MetaValidation = Asked.MetaValidation with { Episodes = Asked.MetaValidation.Episodes + 1, TopCandidates = Asked.MetaValidation.TopCandidates + 1 },
        Template = Asked.Template with { LearningRate = 0.05, PerClassTrain = 3, ValidationSize = 70, FirstHidden = 17, SecondHidden = 18, Steps = 4 },
        Tasks = new TaskDistribution
        {
            Sources = [new TaskSource(DatasetName.TeacherImages, 1)],
            Classes = new WholeRange(3, 5),
            Steps = new WholeRange(2, 6),
            PerClassTrain = new WholeRange(1, 4),
            FirstHidden = new WholeRange(8, 16),
            SecondHidden = new WholeRange(9, 16),
            LearningRate = new RateRange(0.01, 0.3),
        },
    };

    private static IEnumerable<UnstatedSettings> EachSetting() =>
        Enum.GetValues<UnstatedSettings>().Where(s => s is not UnstatedSettings.None and not UnstatedSettings.All);

    [Fact]
    public void Should_be_the_journaled_run_when_the_command_states_nothing()
    {
        Assert.Equal(Journaled, Asked.Keeping(Journaled, UnstatedSettings.All));
        Assert.Equal(Asked, Asked.Keeping(Journaled, UnstatedSettings.None));
    }

    [Fact]
    public void Should_conflict_in_exactly_the_one_setting_the_command_states()
    {
        var named = new HashSet<string>();
        foreach (var stated in EachSetting())
        {
            var differences = Journaled.Differences(Asked.Keeping(Journaled, UnstatedSettings.All & ~stated));
            var difference = Assert.Single(differences);
            // Each setting conflicts under a name of its own (the tasks' parts share "tasks").
            var name = difference[..difference.IndexOf(':')];
            Assert.True(named.Add(name) || name == "tasks", $"{stated}: '{name}' already named another setting");
        }
        Assert.Equal(25, EachSetting().Count());
    }

    [Fact]
    public void Should_name_a_conflicting_setting_by_its_option_and_values()
    {
        var differences = Journaled.Differences(Asked.Keeping(Journaled, UnstatedSettings.All & ~(UnstatedSettings.Sigma | UnstatedSettings.Steps)));

        Assert.Equal(["sigma: journal has 0.3, asked for 0.1", "steps: journal has 4, asked for 20"], differences);
    }
}

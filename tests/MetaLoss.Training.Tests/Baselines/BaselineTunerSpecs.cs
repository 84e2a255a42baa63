using MetaLoss.Training.Baselines;
using MetaLoss.Training.Baselines.Families;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Baselines;

public class BaselineTunerSpecs
{
    private const int Episodes = 4;

    private static BaselineGrid SmallGrid => SmallGrids.EveryFamily;

    public static TheoryData<string> FamilyNames => [.. BaselineFamilies.All.Select(f => f.Name)];

    private static EpisodeSpec Template(DatasetName dataset) =>
        new(dataset, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0, PerClassTrain: 3, ValidationSize: 100,
            FirstHidden: 16, SecondHidden: 8, Steps: 4);

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Should_tune_each_family_on_the_training_split_only(string family)
    {
        var source = new RecordingDatasetSource(TestData.Catalog);
        var grid = SmallGrid.WithFamilies([BaselineFamilies.Named(family)]);
        var tuned = new BaselineTuner(source).Tune(Template(DatasetName.FashionMnistTrain), grid, Episodes, suiteSeed: 1, threads: 2);
        Assert.Equal([DatasetName.FashionMnistTrain], source.Requested);
        Assert.Equal(family, Assert.Single(tuned.Chosen).Family.Name);
        Assert.All(tuned.Grid, row => Assert.Equal(family, row.Family.Name));
    }

    [Fact]
    public void Should_record_the_episodes_it_tuned_on_with_their_classes()
    {
        var template = Template(DatasetName.FashionMnistTrain) with { Classes = [3, 5, 7], RecordValidationCurve = true };
        var grid = SmallGrid.WithFamilies([CrossEntropyBaseline.Family]);

        var tuned = new BaselineTuner(TestData.Catalog).Tune(template, grid, Episodes, suiteSeed: 1, threads: 2);

        Assert.Equal(template with { RecordValidationCurve = false }, tuned.Regime);
        Assert.Equal([3, 5, 7], tuned.Regime.Classes);
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Should_refuse_to_tune_any_family_on_a_test_split_before_reading_any_data(string family)
    {
        foreach (var testSplit in new[] { DatasetName.FashionMnistTest, DatasetName.Cifar10Test })
        {
            var source = new RecordingDatasetSource(TestData.Catalog);
            var grid = SmallGrid.WithFamilies([BaselineFamilies.Named(family)]);
            var error = Assert.Throws<ArgumentException>(() =>
                new BaselineTuner(source).Tune(Template(testSplit), grid, Episodes, suiteSeed: 1, threads: 2));
            Assert.Contains("meta-training episodes only", error.Message);
            Assert.Empty(source.Requested);
        }
    }

    [Fact]
    public void Should_score_every_grid_point_on_the_same_episodes_and_pick_each_familys_best()
    {
        var tuned = new BaselineTuner(TestData.Catalog).Tune(Template(DatasetName.FashionMnistTrain), SmallGrid, Episodes, suiteSeed: 1, threads: 2);

        Assert.Equal(SmallGrids.EveryFamilyPoints, tuned.Grid.Count);
        Assert.Equal(BaselineTuner.EpisodeCount(SmallGrid, 1), tuned.Grid.Count);
        Assert.All(tuned.Grid, row => Assert.Equal(Episodes, row.Accuracy.Count));
        Assert.Equal(BaselineFamilies.All, tuned.Chosen.Select(c => c.Family));
        foreach (var (family, chosen) in tuned.Chosen)
        {
            var rows = tuned.Grid.Where(r => r.Family == family).ToList();
            Assert.Equal(rows.Max(r => r.Accuracy.Mean), rows.Single(r => r.Setting == chosen).Accuracy.Mean);
            Assert.Single(rows, tuned.IsChosen);
        }
        Assert.IsType<LossSpec.MeanSquaredError>(tuned.Of(MeanSquaredErrorBaseline.Family).Loss);
        Assert.NotNull(tuned.CrossEntropySchedule.Schedule);
        Assert.Null(tuned.Of(CrossEntropyBaseline.Family).Schedule);
        Assert.IsType<LossSpec.LabelSmoothing>(tuned.Of(LabelSmoothingBaseline.Family).Loss);
        Assert.IsType<LossSpec.PolyOne>(tuned.Of(PolyOneBaseline.Family).Loss);
        Assert.Equal(new LossSpec.Focal(2), tuned.Of(FocalBaseline.Family).Loss);
        Assert.Equal(new LearningRateSchedule(LearningRateDecay.Cosine, 0.25), tuned.Of(FocalBaseline.Family).Schedule);
    }

    [Fact]
    public void Should_cross_a_variants_parameter_with_every_variant_schedule()
    {
        var grid = BaselineGrid.Default
            .With(LabelSmoothingBaseline.Epsilons, [0.1, 0.3])
            .With(ScheduleAxes.Variants.Rates, [0.4, 0.8])
            .With(ScheduleAxes.Variants.Decays, [LearningRateDecay.Linear, LearningRateDecay.Cosine])
            .With(ScheduleAxes.Variants.FinalFractions, [0.1]);
        var settings = LabelSmoothingBaseline.Family.Candidates(grid);
        Assert.Equal(2 * 2 * 2, settings.Count);
        Assert.Equal(4, settings.Count(s => s.Loss == new LossSpec.LabelSmoothing(0.3)));
        Assert.Equal(2, settings.Count(s => s.LearningRate == 0.8 && s.Schedule!.Decay == LearningRateDecay.Linear));
        Assert.All(settings, s => Assert.Equal(0.1, s.Schedule!.FinalFraction));
    }

    [Fact]
    public void Should_give_the_same_table_for_the_same_seed_whatever_the_thread_count()
    {
        var tuner = new BaselineTuner(TestData.Catalog);
        var one = tuner.Tune(Template(DatasetName.FashionMnistTrain), SmallGrid, Episodes, suiteSeed: 5, threads: 1);
        var two = tuner.Tune(Template(DatasetName.FashionMnistTrain), SmallGrid, Episodes, suiteSeed: 5, threads: 2);
        Assert.Equal(one.Grid.Select(r => r.Accuracy), two.Grid.Select(r => r.Accuracy));
        Assert.Equal(one.Chosen, two.Chosen);
    }

    [Fact]
    public void Should_draw_tuning_seeds_apart_from_the_meta_test_suites()
    {
        for (var i = 0; i < 50; i++)
        {
            var tuning = SeedDerivation.ForTuningEpisode(2026, i);
            var test = SeedDerivation.ForTestEpisode(2026, i);
            Assert.NotEqual(test.TaskSeed, tuning.TaskSeed);
            Assert.NotEqual(test.InitSeed, tuning.InitSeed);
        }
    }

    [Fact]
    public void Should_refuse_an_unusable_grid_naming_its_option_before_reading_any_data()
    {
        var source = new RecordingDatasetSource(TestData.Catalog);
        var tuner = new BaselineTuner(source);
        var template = Template(DatasetName.FashionMnistTrain);
        (BaselineGrid Grid, string Option)[] cases =
        [
            (SmallGrid.With(CrossEntropyBaseline.Rates, []), "--ce-lr"),
            (SmallGrid.With(ScheduleAxes.CrossEntropy.Decays, [LearningRateDecay.Constant]), "--schedule-decays"),
            (SmallGrid.With(MeanSquaredErrorBaseline.Rates, [-0.5]), "--mse-lr"),
            (SmallGrid.With(ScheduleAxes.CrossEntropy.FinalFractions, [1.5]), "--schedule-final"),
            (SmallGrid.With(LabelSmoothingBaseline.Epsilons, [1]), "--label-smoothing-eps"),
            (SmallGrid.With(PolyOneBaseline.Epsilons, [-2]), "--poly1-eps"),
            (SmallGrid.With(FocalBaseline.Gammas, [double.NaN]), "--focal-gamma"),
            (SmallGrid.With(ScheduleAxes.Variants.Rates, [0]), "--variant-schedule-lr"),
        ];
        foreach (var (grid, option) in cases)
            Assert.StartsWith(option, Assert.Throws<ArgumentException>(() => tuner.Tune(template, grid, Episodes, 1, 1)).Message);
        Assert.Empty(source.Requested);
    }

    [Fact]
    public void Should_read_an_axis_from_its_option_text_or_name_the_option()
    {
        var grid = FocalBaseline.Gammas.Read(BaselineGrid.Default, "0, 1.5");
        Assert.Equal([0, 1.5], grid.Values(FocalBaseline.Gammas));
        Assert.Equal([1, 2, 4, 6, 8], BaselineGrid.Default.Values(FocalBaseline.Gammas));
        Assert.Equal([LearningRateDecay.Cosine], ScheduleAxes.CrossEntropy.Decays.Parse("Cosine"));
        Assert.StartsWith("--focal-gamma: cannot read", Assert.Throws<ArgumentException>(() => FocalBaseline.Gammas.Parse("1,two")).Message);
        Assert.StartsWith("--schedule-decays: unknown decay", Assert.Throws<ArgumentException>(() => ScheduleAxes.CrossEntropy.Decays.Parse("step")).Message);
    }

    [Fact]
    public void Should_tune_the_default_grid_at_a_known_cost()
    {
        // Evaluate's runtime is roughly proportional: 47 points before the CE variants, now
        // CE 10 + CE schedules 5 x 2 x 3 + (label smoothing 5 + Poly-1 5 + focal 5) x 5 variant schedules + MSE 7.
        Assert.Equal(10 + 30 + 15 * 5 + 7, BaselineGrid.Default.Candidates().Count);
        Assert.Equal(122 * 50, BaselineTuner.EpisodeCount(BaselineGrid.Default, 50));
    }

    [Fact]
    public void Should_offer_each_axis_once_and_refuse_an_unknown_or_repeated_family()
    {
        var axes = BaselineGrid.Default.Axes;
        Assert.Equal(axes.Count, axes.Select(a => a.Option).Distinct().Count());
        Assert.Contains(axes, a => a.Option == "--variant-schedule-lr");
        Assert.Contains("known: ce, ce-schedule", Assert.Throws<ArgumentException>(() => BaselineFamilies.Named("hinge")).Message);
        Assert.Throws<ArgumentException>(() => BaselineGrid.Default.WithFamilies([FocalBaseline.Family, FocalBaseline.Family]));
        Assert.Throws<ArgumentException>(() => BaselineGrid.Default.WithFamilies([]));
    }
}

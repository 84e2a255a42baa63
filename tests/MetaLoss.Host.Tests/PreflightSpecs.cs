namespace MetaLoss.Host.Tests;

/// <summary>
/// A run that cannot run is refused before it is journaled: one line, exit 2, no journal.db, and the
/// same run directory then takes a run with good settings.
/// </summary>
public sealed class PreflightSpecs
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    private static void AssertRefusedWithoutJournal(string run, string[] args, string message)
    {
        var (code, output) = MetalossProcess.Run(Quick, args);
        Assert.True(code == 2, $"exit {code}; output:\n{output}");
        Assert.Contains($"metaloss: {message}", output);
        Assert.DoesNotContain("   at ", output);
        Assert.False(File.Exists(Path.Combine(run, "journal.db")), "a refused run left a journal behind");
    }

    private static void AssertGoodRunWorks(string run)
    {
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(run, 7, generations: 1));
        Assert.True(code == 0, $"exit {code}; output:\n{output}");
    }

    [Fact]
    public void Should_refuse_more_training_images_per_class_than_the_data_has_and_then_run_with_good_settings()
    {
        var run = SmallRun.NewDirectory();
        // All ten classes, so the message does not depend on the class count the trial episode draws.
        AssertRefusedWithoutJournal(run, ["evolve", "--run", run, "--per-class", "100000", "--task-classes", "all"],
            "an episode takes 100,000 training images of each of its 10 classes, but class");
        AssertGoodRunWorks(run);
    }

    [Fact]
    public void Should_refuse_a_validation_set_the_meta_validation_split_cannot_give()
    {
        // 20 training + 9,990 validation images fit meta-training (50,000) but not meta-validation (10,000);
        // FashionMNIST alone, since the generated sources' 10,000 images would be refused first.
        var run = SmallRun.NewDirectory();
        AssertRefusedWithoutJournal(run, ["evolve", "--run", run, "--per-class", "2", "--validation-size", "9990", "--tasks", "template"],
            "an episode takes 20 training images (2 x 10 classes) and 9,990 validation images, disjoint, but fashion-mnist-meta-validation has 10,000");
    }

    [Fact]
    public void Should_refuse_a_dataset_whose_labels_are_all_zero_and_then_run_on_the_real_one()
    {
        var run = SmallRun.NewDirectory();
        var data = IdxFiles.FashionMnistTrainSplitOfOneLabel(images: 10_100, label: 0);
        AssertRefusedWithoutJournal(run, SmallRun.Evolve(run, "--fashion-mnist-dir", data, "--task-classes", "all"),
            "fashion-mnist-meta-train has no images of classes 1, 2, 3, 4, 5, 6, 7, 8, 9 (its 100 labels are all of class 0)");
        AssertGoodRunWorks(run);
    }

    [Theory]
    [InlineData(new[] { "--population", "1073741824" }, "a generation of 2 x 1073741824 candidates x 3 episodes is 6,442,450,944 episodes; at most 100,000")]
    [InlineData(new[] { "--population", "10", "--episodes-per-candidate", "1000000000" }, "a generation of 2 x 10 candidates x 1000000000 episodes is 20,000,000,000 episodes")]
    // Few enough episodes, but the candidates' parameters would not fit one journal event.
    [InlineData(new[] { "--population", "48000", "--episodes-per-candidate", "1" }, "population 48,000 is too large")]
    public void Should_refuse_counts_that_do_not_fit_before_writing_anything(string[] settings, string message)
    {
        var run = SmallRun.NewDirectory();
        AssertRefusedWithoutJournal(run, ["evolve", "--run", run, .. settings], message);
    }
}

namespace MetaLoss.Host.Tests;

[Collection(EvolvedRunCollection.Name)]
public class EvaluateSpecs(EvolvedRun run)
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(2);

    /// <summary>Small suites and a small grid: 2 CE rates, 1 MSE rate, 1 schedule, 1 point of each CE variant (2 of label smoothing).</summary>
    private static readonly string[] Small =
    [
        "--episodes", "6", "--curve-episodes", "3", "--tune-episodes", "3", "--threads", "2",
        "--ce-lr", "0.1,0.2", "--mse-lr", "0.5", "--schedule-lr", "0.3", "--schedule-final", "0.25", "--schedule-decays", "cosine",
        "--label-smoothing-eps", "0.1,0.2", "--poly1-eps", "1", "--focal-gamma", "2", "--variant-schedule-lr", "0.4",
    ];

    /// <summary>Every baseline (CE and MSE at the run's lr, one per registered family) and the MLN.</summary>
    private static readonly string[] Contenders =
        ["CE (run lr)", "CE (tuned lr)", "CE (tuned schedule)", "CE + label smoothing (tuned)", "Poly-1 (tuned)", "focal (tuned)", "MSE (tuned lr)", "MSE (run lr)", "MLN (run lr)"];

    [Fact]
    public void Should_write_tables_and_figures_for_five_class_episodes_of_both_datasets()
    {
        var (code, output) = MetalossProcess.Run(Quick, ["evaluate", "--run", run.Directory, .. Small, "--classes", "0,1,2,3,4",
            "--datasets", "fashion-mnist-test,cifar10-test", "--cifar10-dir", SharedData.Cifar10Directory]);

        Assert.True(code == 0, output);
        var rows = File.ReadAllLines(Path.Combine(run.Directory, "evaluation.csv"));
        // A header, then 9 losses (8 baselines and the MLN) per dataset.
        Assert.Equal(1 + 2 * 9, rows.Length);
        var header = rows[0].Split(',');
        var records = rows[1..].Select(r => r.Split(',')).ToList();
        foreach (var dataset in new[] { "fashion-mnist-test", "cifar10-test" })
            Assert.Equal(Contenders, records.Where(r => r[0] == dataset).Select(r => NameOf(r[1])));
        Assert.All(records, r => Assert.Equal("6", r[Array.IndexOf(header, "episodes")]));
        var t = Array.IndexOf(header, "t");
        Assert.All(records.Where(r => r[1] != "MLN (run lr)"), r => Assert.NotEqual("", r[t]));
        Assert.All(records.Where(r => r[1] == "MLN (run lr)"), r => Assert.Equal("", r[t]));

        var markdown = File.ReadAllText(Path.Combine(run.Directory, "evaluation.md"));
        Assert.Contains("classes: 0,1,2,3,4 (K = 5)", markdown);
        Assert.Contains("| **MLN (run lr)** |", markdown);
        Assert.Contains("![Learning curves on cifar10-test](figure4-cifar10-test.png)", markdown);
        Assert.Contains("fashion-mnist-test: 6 paired episodes", output);
        Assert.Contains("| CE (tuned schedule) | CE lr 0.3, cosine decay to 0.25x |", output);
        Assert.Contains("| focal (tuned) | focal γ=2 lr 0.4, cosine decay to 0.25x |", output);
        foreach (var contender in records.Where(r => r[0] == "cifar10-test").Select(r => r[1].Trim('"')))
            Assert.Contains($"| {(contender.StartsWith("MLN") ? $"**{contender}**" : contender)} |", markdown);

        // 2 + 1 + 2 + 1 + 1 + 1 grid points, every family's; Figure 4's numbers: 2 datasets x 9 losses x 3 steps; the probe: 2 datasets x 3 steps.
        var tuning = File.ReadAllLines(Path.Combine(run.Directory, "baseline-tuning.csv"))[1..].Select(r => r.Split(',')[0]).ToList();
        Assert.Equal(8, tuning.Count);
        Assert.Equal(["ce", "ce-schedule", "label-smoothing", "poly1", "focal", "mse"], tuning.Distinct());
        Assert.Equal(1 + 2 * 9 * 3, File.ReadAllLines(Path.Combine(run.Directory, "learning-curves.csv")).Length);
        Assert.Equal(1 + 2 * 3, File.ReadAllLines(Path.Combine(run.Directory, "gradient-vs-ce.csv")).Length);

        PngFile.AssertValid(Path.Combine(run.Directory, "figure4-fashion-mnist-test.png"), 2000, 560);
        PngFile.AssertValid(Path.Combine(run.Directory, "figure4-cifar10-test.png"), 2000, 560);
        PngFile.AssertValid(Path.Combine(run.Directory, "gradient-vs-ce.png"), 1400, 560);
        PngFile.AssertValid(Path.Combine(run.Directory, "fitness.png"), 900, 560);
    }

    [Fact]
    public void Should_tune_the_baselines_on_three_class_meta_training_episodes_when_the_test_has_three_classes()
    {
        var (code, output) = MetalossProcess.Run(Quick, ["evaluate", "--run", run.Directory, .. Small, "--classes", "3,5,7", "--datasets", "fashion-mnist-test"]);

        Assert.True(code == 0, output);
        var markdown = File.ReadAllText(Path.Combine(run.Directory, "evaluation.md"));
        Assert.Contains("steps; classes: 3,5,7 (K = 3).", markdown);
        // What the tuner recorded of the episodes it was given, not of the test's.
        Assert.Contains("- Baselines tuned on 3 episodes of fashion-mnist-meta-train (meta-training split; classes: 3,5,7 (K = 3);", markdown);
    }

    /// <summary>A contender's name, whether or not tuning chose the run's own lr.</summary>
    private static string NameOf(string field) => field.Trim('"').Replace(" = run lr", "");

    [Fact]
    public void Should_tell_where_to_find_cifar10_when_no_folder_is_given()
    {
        var (code, output) = MetalossProcess.Run(Quick, ["evaluate", "--run", run.Directory, .. Small, "--datasets", "cifar10-test"]);
        Assert.Equal(2, code);
        Assert.Contains("--cifar10-dir", output);
        Assert.Contains("cifar-10-batches-bin", output);
        Assert.Contains("../shared/data/cifar-10", output);
    }

    [Fact]
    public void Should_refuse_a_class_the_datasets_do_not_have_before_any_work()
    {
        var (code, output) = MetalossProcess.Run(Quick, ["evaluate", "--run", run.Directory, .. Small, "--datasets", "fashion-mnist-test", "--classes", "0,12"]);
        Assert.Equal(2, code);
        Assert.Contains("class 12 is out of range", output);
        Assert.DoesNotContain("baselines tuned", output);
    }

    [Fact]
    public void Should_refuse_a_bad_grid_value_naming_its_option_before_any_work()
    {
        var (code, output) = MetalossProcess.Run(Quick, ["evaluate", "--run", run.Directory, .. Small, "--datasets", "fashion-mnist-test", "--variant-schedule-final", "0.25,1.5"]);
        Assert.Equal(2, code);
        Assert.Contains("--variant-schedule-final needs fractions between 0 and 1, got 0.25, 1.5", output);
        Assert.DoesNotContain("tuning baselines", output);
    }

    [Fact]
    public void Should_refuse_a_missing_run_directory()
    {
        var (code, output) = MetalossProcess.Run(Quick, "evaluate", "--run", Path.Combine(Path.GetTempPath(), "no-such-run-" + Guid.NewGuid()));
        Assert.Equal(2, code);
        Assert.Contains("no such run directory", output);
    }

    [Fact]
    public void Should_refuse_a_run_directory_without_a_best_mln()
    {
        var (code, output) = MetalossProcess.Run(Quick, "evaluate", "--run", SmallRun.NewDirectory());
        Assert.Equal(2, code);
        Assert.Contains("no best-mln.json", output);
    }
}

using System.Globalization;

namespace MetaLoss.Host.Tests;

[Collection(EvolvedRunCollection.Name)]
public class TransferSuiteSpecs(EvolvedRun run)
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(4);

    private const int Episodes = 4;

    /// <summary>Small suites and a small grid (2 CE rates, 1 MSE rate, 1 schedule, 1 point of each CE variant, 2 of label smoothing: 8 points) on the run's tiny episodes.</summary>
    private static readonly string[] Small =
    [
        "--episodes", $"{Episodes}", "--tune-episodes", "2", "--threads", "2",
        "--ce-lr", "0.1,0.2", "--mse-lr", "0.5", "--schedule-lr", "0.3", "--schedule-final", "0.25", "--schedule-decays", "cosine",
        "--label-smoothing-eps", "0.1,0.2", "--poly1-eps", "1", "--focal-gamma", "2", "--variant-schedule-lr", "0.4",
        "--cifar10-dir", SharedData.Cifar10Directory,
    ];

    [Fact]
    public void Should_write_one_row_per_setting_whose_numbers_agree_with_the_csv_and_the_scores()
    {
        var (code, output) = MetalossProcess.Run(Quick, ["evaluate", "--run", run.Directory, "--suite", "transfer", .. Small]);

        Assert.True(code == 0, output);
        var rows = Records(Path.Combine(run.Directory, "transfer.csv"));
        string[] settings =
        [
            "fashion-mnist-test, run regime (reference)", "cifar10-test, run regime", "fashion-mnist-test, 9 steps (3x)",
            "fashion-mnist-test, K = 5 (classes 0-4)", "fashion-mnist-test, MLP 4-4", "fashion-mnist-test, MLP 64-64",
            "fashion-mnist-test, CNN", "cifar10-test, CNN",
        ];
        Assert.Equal(settings, rows.Select(r => r["setting"]));
        var scores = Records(Path.Combine(run.Directory, "transfer-scores.csv"));
        var markdown = File.ReadAllLines(Path.Combine(run.Directory, "transfer.md"));
        var table = markdown.TakeWhile(l => !l.StartsWith("## Every loss")).ToList();
        var tunedSettings = markdown.SkipWhile(l => !l.StartsWith("## The baselines' tuned settings")).ToList();
        foreach (var row in rows)
        {
            var setting = row["setting"];
            Assert.Equal($"{Episodes}", row["episodes"]);
            Assert.Equal(Episodes, int.Parse(row["mln_wins"]) + int.Parse(row["mln_ties"]) + int.Parse(row["mln_losses"]));
            Assert.Equal("fashion-mnist-meta-train", row["tuning_dataset"]);
            // The best baseline is the best mean among this setting's baselines (MLN excluded); the difference is MLN's mean minus it.
            var baselines = scores.Where(s => s["setting"] == setting && s["contender"] != "MLN (run lr)").ToList();
            // CE and MSE at the run's lr and one per registered family.
            Assert.Equal(8, baselines.Count);
            var best = baselines.MaxBy(s => Number(s["mean"]))!;
            Assert.Equal(best["contender"], row["best_baseline"]);
            Assert.Equal("true", best["best_baseline"]);
            Assert.Equal(Number(best["mean"]), Number(row["best_mean"]));
            var mln = scores.Single(s => s["setting"] == setting && s["contender"] == "MLN (run lr)");
            Assert.Equal(Number(mln["mean"]), Number(row["mln_mean"]));
            var difference = Number(row["mln_minus_best"]);
            Assert.Equal(Number(row["mln_mean"]) - Number(row["best_mean"]), difference, 1e-9);
            Assert.InRange(difference, Number(row["mln_minus_best_ci95_low"]), Number(row["mln_minus_best_ci95_high"]));
            // The Markdown row shows the same numbers, rounded.
            var line = Assert.Single(table, l => l.StartsWith($"| {setting} |"));
            Assert.Contains($"| {row["best_baseline"]} |", line);
            Assert.Contains($"| {difference.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture)} |", line);
            Assert.Contains($"| {row["mln_wins"]}/{row["mln_ties"]}/{row["mln_losses"]} |", line);
            Assert.Contains($"{setting}: MLN ", output);
            // Each setting names its own tuning's choice (CE's constant lr first), not another setting's.
            var tunedCrossEntropy = Assert.Single(baselines, s => s["contender"].StartsWith("CE (tuned lr"));
            Assert.StartsWith($"| {setting} | CE lr {tunedCrossEntropy["learning_rate"]} |", Assert.Single(tunedSettings, l => l.StartsWith($"| {setting} |")));
        }
        Assert.Equal(["CNN", "CNN"], rows.Where(r => r["setting"].EndsWith("CNN")).Select(r => r["classifier"]));
        Assert.Equal("0 1 2 3 4", rows[3]["classes"]);
        Assert.Equal("9", rows[2]["steps"]);
        // Six tuning regimes of 8 grid points: CIFAR-10's rows share FashionMNIST's regime.
        Assert.Equal(1 + 6 * 8, File.ReadAllLines(Path.Combine(run.Directory, "transfer-tuning.csv")).Length);
        Assert.Contains("transfer suite: 8 settings, 4 test episodes each, 2 tuning episodes per grid point, took", output);
        PngFile.AssertValid(Path.Combine(run.Directory, "transfer.png"), 1100, 700);
    }

    [Theory]
    [InlineData("transfr")]
    [InlineData("")]
    [InlineData("transfer,standard")]
    public void Should_refuse_an_unknown_suite_in_one_line_before_any_work(string suite)
    {
        var (code, output) = MetalossProcess.Run(Quick, ["evaluate", "--run", run.Directory, "--suite", suite, .. Small]);

        Assert.Equal(2, code);
        Assert.Contains($"metaloss: --suite: unknown suite '{suite}'; the only suite is 'transfer'", output);
        Assert.DoesNotContain("tuning baselines", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("--datasets", "cifar10-test")]
    [InlineData("--classes", "0,1")]
    [InlineData("--curve-episodes", "3")]
    public void Should_refuse_an_option_the_suite_fixes(string option, string value)
    {
        var (code, output) = MetalossProcess.Run(Quick, ["evaluate", "--run", run.Directory, "--suite", "transfer", option, value, .. Small]);

        Assert.Equal(2, code);
        Assert.Contains($"{option} does not apply to --suite transfer", output);
    }

    [Fact]
    public void Should_tell_where_to_find_cifar10_when_no_folder_is_given()
    {
        var (code, output) = MetalossProcess.Run(Quick, ["evaluate", "--run", run.Directory, "--suite", "transfer", "--episodes", "2"]);

        Assert.Equal(2, code);
        Assert.Contains("--suite transfer has CIFAR-10 rows but no --cifar10-dir was given", output);
        Assert.DoesNotContain("tuning baselines", output);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The CSV's records by column name; fields are quoted only when they hold a comma (no quotes inside).</summary>
    private static List<Dictionary<string, string>> Records(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = Fields(lines[0]);
        return [.. lines[1..].Select(Fields).Select(fields => Enumerable.Range(0, header.Count).ToDictionary(i => header[i], i => fields[i]))];
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var at = 0;
        while (at <= line.Length)
        {
            if (at < line.Length && line[at] == '"')
            {
                var close = line.IndexOf('"', at + 1);
                fields.Add(line[(at + 1)..close]);
                at = close + 2;
            }
            else
            {
                var comma = line.IndexOf(',', at);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[at..end]);
                at = end + 1;
            }
        }
        return fields;
    }
}

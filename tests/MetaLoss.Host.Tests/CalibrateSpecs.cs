using System.Globalization;
using MetaLoss.Training;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests;

/// <summary>
/// `calibrate` runs every loss and rate of an episode as one group, then prints its table: each row
/// must still be its own setting's score on the suite's episodes, in the order the options name them.
/// </summary>
public class CalibrateSpecs
{
    private const int Episodes = 3;
    private const ulong Seed = 77;

    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(2);

    [Fact]
    public void Should_print_one_row_per_loss_and_rate_scored_on_the_suites_episodes()
    {
        var (code, output) = MetalossProcess.Run(Quick, "calibrate", "--episodes", $"{Episodes}", "--seed", $"{Seed}",
            "--lr", "0.5,0.1", "--losses", "mse,ce", "--per-class", "5", "--validation-size", "100", "--steps", "10");

        Assert.True(code == 0, output);
        var rows = TableRows(output);
        Assert.Equal(["MSE 0.5", "MSE 0.1", "CE 0.5", "CE 0.1"], rows.Select(r => $"{r[0]} {r[1]}"));

        // The same settings as one group on each of the suite's episodes, on one torch thread as calibrate's episodes run.
        TorchThreads.Configure(1);
        using var catalog = new DatasetCatalog(new DataLocations());
        var runner = new BatchedEpisodeRunner(catalog);
        var template = new EpisodeSpec(DatasetName.FashionMnistTest, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0,
            PerClassTrain: 5, ValidationSize: 100, Steps: 10);
        var settings = new (LossSpec Loss, double Rate)[]
            { (new LossSpec.MeanSquaredError(), 0.5), (new LossSpec.MeanSquaredError(), 0.1), (new LossSpec.CrossEntropy(), 0.5), (new LossSpec.CrossEntropy(), 0.1) };
        var episodes = Enumerable.Range(0, Episodes).Select(i =>
        {
            var seeds = SeedDerivation.ForTestEpisode(Seed, i);
            return runner.Run([.. settings.Select(s => template with { Loss = s.Loss, LearningRate = s.Rate, TaskSeed = seeds.TaskSeed, InitSeed = seeds.InitSeed })]);
        }).ToList();
        var means = Enumerable.Range(0, settings.Length).Select(s => episodes.Average(e => e[s].Fitness).ToString("F4", CultureInfo.InvariantCulture));
        Assert.Equal(means, rows.Select(r => r[2]));
    }

    [Fact]
    public void Should_write_the_tables_numbers_and_a_figure_into_the_out_folder()
    {
        var folder = Path.Combine(SmallRun.NewDirectory(), "calibration", "fashion");
        var (code, output) = MetalossProcess.Run(Quick, "calibrate", "--episodes", "4", "--lr", "0.1,0.2,0.4", "--per-class", "3",
            "--validation-size", "60", "--steps", "3", "--out", folder);

        Assert.True(code == 0, output);
        var printed = TableRows(output);
        var rows = File.ReadAllLines(Path.Combine(folder, "calibration.csv"));
        Assert.Equal("loss,learning_rate,episodes,mean,std,ci95_low,ci95_high", rows[0]);
        var records = rows[1..].Select(r => r.Split(',')).ToList();
        Assert.Equal(6, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var numbers = records[i][1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            // The same row as the table's, at full precision: loss, rate, episodes, mean, std, and an interval around the mean.
            Assert.Equal(printed[i][0], records[i][0]);
            Assert.Equal(double.Parse(printed[i][1], CultureInfo.InvariantCulture), numbers[0]);
            Assert.Equal(4, numbers[1]);
            Assert.Equal(printed[i][2], numbers[2].ToString("F4", CultureInfo.InvariantCulture));
            Assert.Equal(printed[i][4], numbers[3].ToString("F4", CultureInfo.InvariantCulture));
            Assert.True(numbers[4] < numbers[2] && numbers[2] < numbers[5], rows[i + 1]);
        }
        PngFile.AssertValid(Path.Combine(folder, "calibration.png"), 900, 560);
    }

    [Fact]
    public void Should_refuse_an_out_path_that_is_a_file_before_any_episode()
    {
        var file = Path.Combine(SmallRun.NewDirectory(), "notes.txt");
        File.WriteAllText(file, "mine");
        var (code, output) = MetalossProcess.Run(Quick, "calibrate", "--episodes", "2", "--out", file);

        Assert.Equal(2, code);
        Assert.Equal($"metaloss: --out {file}: is a file; give the folder to write calibration.csv and calibration.png into", output.Trim());
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void Should_refuse_an_out_folder_that_cannot_be_created_before_any_episode()
    {
        // Not even root can make a folder in /proc.
        var (code, output) = MetalossProcess.Run(Quick, "calibrate", "--episodes", "2", "--out", "/proc/metaloss-calibration");

        Assert.Equal(2, code);
        Assert.StartsWith("metaloss: --out /proc/metaloss-calibration: cannot create the folder (", output.Trim());
        Assert.DoesNotContain("loss  lr", output);
    }

    /// <summary>The printed table's rows, each split into its fields (loss, lr, mean, "+/-", std, "+/-", CI half-width).</summary>
    private static List<string[]> TableRows(string output) =>
        [.. output.Split('\n').SkipWhile(l => !l.StartsWith("loss  lr")).Skip(1).TakeWhile(l => l.Length > 0 && !l.StartsWith("Wrote "))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}

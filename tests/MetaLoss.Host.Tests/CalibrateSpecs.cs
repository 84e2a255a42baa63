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

    [Fact]
    public void Should_print_one_row_per_loss_and_rate_scored_on_the_suites_episodes()
    {
        var (code, output) = MetalossProcess.Run(TimeSpan.FromMinutes(2), "calibrate", "--episodes", $"{Episodes}", "--seed", $"{Seed}",
            "--lr", "0.5,0.1", "--losses", "mse,ce", "--per-class", "5", "--validation-size", "100", "--steps", "10");

        Assert.True(code == 0, output);
        var rows = output.Split('\n').SkipWhile(l => !l.StartsWith("loss  lr")).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(["MSE 0.5", "MSE 0.1", "CE 0.5", "CE 0.1"], rows.Select(r => string.Join(' ', r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2])));

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
        Assert.Equal(means, rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
    }
}

using System.CommandLine;
using MetaLoss.Host.Calibration;
using MetaLoss.Host.Options;
using MetaLoss.Training;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using MetaLoss.Host.Statistics;
using MetaLoss.Training.Statistics;

namespace MetaLoss.Host.Commands;

/// <summary>
/// `metaloss calibrate`: validation accuracy of CE and MSE over a grid of learning rates on the
/// same (paired) episodes; how the default episode settings were chosen.
/// </summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var episode = new EpisodeOptions();
        var episodes = EpisodeOptions.EpisodeCount("--episodes", 100, "episodes per (loss, learning rate)");
        var threads = EpisodeOptions.Positive("--threads", Environment.ProcessorCount, "episodes run at once, one torch thread each");
        var dataset = new Option<string>("--dataset") { Description = $"one of {string.Join(", ", DatasetNames.All)}", DefaultValueFactory = _ => "fashion-mnist-test" };
        var rates = new Option<string>("--lr") { Description = "comma-separated learning rates", DefaultValueFactory = _ => "0.05,0.1,0.2,0.3,0.5" };
        var losses = new Option<string>("--losses") { Description = "comma-separated: ce, mse", DefaultValueFactory = _ => "ce,mse" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the episode suite", DefaultValueFactory = _ => 2026UL };
        var output = new Option<DirectoryInfo?>("--out") { Description = $"folder to also write {CalibrationFiles.Csv} and {CalibrationFiles.Figure} (accuracy against learning rate) into" };

        var command = new Command("calibrate", "Score CE and MSE over learning rates on shared episodes (mean +/- std)");
        data.AddTo(command);
        episode.AddTo(command);
        foreach (var option in new Option[] { episodes, threads, dataset, rates, losses, seed, output }) command.Options.Add(option);

        command.SetAction(result =>
        {
            var datasetName = DatasetNames.Parse(result.GetValue(dataset)!);
            var learningRates = ListOption.PositiveNumbers(result.GetValue(rates)!, "--lr");
            var lossSpecs = ListOption.Parse(result.GetValue(losses)!, "--losses", ParseLoss);
            var count = result.GetValue(episodes);
            var template = episode.Template(result, datasetName);
            template.Validate();
            TorchThreads.Configure(1);
            using var catalog = new DatasetCatalog(data.Read(result));
            var runner = new BatchedEpisodeRunner(catalog);
            // Loads the dataset and samples one episode, so bad data or settings fail before any work starts.
            EpisodeSampler.Sample(catalog.Get(datasetName), template.PerClassTrain, template.ValidationSize, seed: 0, template.Classes);

            var outputDirectory = result.GetValue(output) is { } folder ? CalibrationFiles.Prepare(folder) : null;

            var title = $"{DatasetNames.Format(datasetName)}: {count} episodes, {template.PerClassTrain}/class, {template.ValidationSize} validation, " +
                        $"MLP {template.FirstHidden}-{template.SecondHidden}, {template.Steps} steps";
            Console.WriteLine(title);
            var settings = lossSpecs.SelectMany(loss => learningRates.Select(lr => new LossSetting(loss, lr))).ToList();
            var seeds = Enumerable.Range(0, count).Select(i => SeedDerivation.ForTestEpisode(result.GetValue(seed), i)).ToList();
            IReadOnlyList<EpisodeResult[]> results;
            using (var progress = new ConsoleProgress("Episodes", settings.Count * count))
                results = PairedSuite.Run(runner, template, settings, seeds, result.GetValue(threads), progress.Report);
            var rows = settings.Zip(results, (s, r) => new CalibrationRow(s.Loss, s.LearningRate, SampleSummary.Of(r.Select(e => e.Fitness).ToList()))).ToList();
            Console.WriteLine("loss  lr      accuracy mean +/- std   95% CI");
            foreach (var row in rows)
            {
                var a = row.Accuracy;
                Console.WriteLine($"{row.Loss.Label,-5} {row.LearningRate,-7:G4} {a.Mean:F4} +/- {a.StandardDeviation:F4}     +/- {a.ConfidenceHalfWidth95:F4}");
            }
            if (outputDirectory is not null)
            {
                CalibrationFiles.Write(outputDirectory, title, rows);
                Console.WriteLine($"Wrote {Path.Combine(outputDirectory, CalibrationFiles.Csv)} and {Path.Combine(outputDirectory, CalibrationFiles.Figure)}");
            }
            return 0;
        });
        return command;
    }

    private static LossSpec ParseLoss(string name) => name.ToLowerInvariant() switch
    {
        "ce" => new LossSpec.CrossEntropy(),
        "mse" => new LossSpec.MeanSquaredError(),
        _ => throw new ArgumentException($"--losses: unknown loss '{name}'; use ce or mse"),
    };
}

using System.Diagnostics;
using CsvHelper;
using MetaLoss.Training;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// `metaloss evaluate --suite transfer`'s work: the run's best MLN, unchanged (at the run's lr),
/// against every tuned baseline in each <see cref="TransferSuite"/> setting, on the same test
/// episodes per setting; then one table of MLN minus the best baseline per setting.
/// </summary>
public static class TransferScoreboard
{
    public static async Task Execute(EvaluationRequest request, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var run = await EvaluatedRun.Load(request.RunPath, cancellation);
        if (string.IsNullOrWhiteSpace(request.Data.Cifar10Directory))
            throw new ArgumentException($"--suite {TransferSuite.Name} has CIFAR-10 rows but no --cifar10-dir was given; pass --cifar10-dir " +
                                        "pointing at a cifar-10-batches-bin folder (e.g. ../shared/data/cifar-10)");
        TorchThreads.Configure(1);
        using var catalog = new DatasetCatalog(request.Data);
        var settings = TransferSuite.Settings(run.Settings.Template);
        foreach (var setting in settings) CheckFits(catalog, setting);

        var mln = EvaluationContenders.Mln(run.Settings.Template.LearningRate, run.Mln);
        var seeds = Enumerable.Range(0, request.Episodes).Select(i => SeedDerivation.ForTestEpisode(request.Seed, i)).ToList();
        var runner = new BatchedEpisodeRunner(catalog);
        // Settings that share a tuning regime (CIFAR-10's rows and FashionMNIST's) share its tuning.
        var tunings = new Dictionary<EpisodeSpec, TunedBaselines>();
        var rows = new List<TransferRow>();
        foreach (var setting in settings)
        {
            if (!tunings.TryGetValue(setting.Tuning, out var tuned))
                tunings[setting.Tuning] = tuned = Tune(catalog, setting, request, cancellation);
            var contenders = EvaluationContenders.Baselines(setting.Test.LearningRate, tuned).Append(mln).ToList();
            using var progress = new ConsoleProgress($"{setting.Name}: {contenders.Count} losses", contenders.Count * seeds.Count);
            var results = PairedSuite.Run(runner, setting.Test, contenders.Select(c => c.Setting).ToList(), seeds, request.Threads,
                d => progress.Report(d), cancellation);
            var scores = contenders.Select((c, i) => new ContenderScores(c, results[i])).ToList();
            var row = new TransferRow(setting, tuned, scores[..^1], scores[^1]);
            rows.Add(row);
            Console.WriteLine(TransferMarkdown.Line(row));
        }

        var result = new TransferResult(run, request.Episodes, request.TuneEpisodes, request.Seed, rows);
        Console.WriteLine();
        Console.Write(TransferMarkdown.Table(result));
        Write(result);
        Console.WriteLine($"transfer suite: {rows.Count} settings, {request.Episodes} test episodes each, " +
                          $"{request.TuneEpisodes} tuning episodes per grid point, took {clock.Elapsed:hh\\:mm\\:ss}");
    }

    private static TunedBaselines Tune(DatasetCatalog catalog, TransferSetting setting, EvaluationRequest request, CancellationToken cancellation)
    {
        var label = $"tuning baselines for {setting.Change} on {setting.TuningDataset}";
        using var progress = new ConsoleProgress(label, BaselineTuner.EpisodeCount(request.Grid, request.TuneEpisodes));
        var tuned = new BaselineTuner(catalog).Tune(setting.Tuning, request.Grid, request.TuneEpisodes, request.Seed, request.Threads,
            d => progress.Report(d), cancellation);
        var chosen = EvaluationContenders.Baselines(setting.Tuning.LearningRate, tuned).Select(c => $"{c.Name}: {c.Setting}");
        Console.WriteLine($"{label} ({request.TuneEpisodes} episodes): {string.Join("; ", chosen)}");
        return tuned;
    }

    private static void Write(TransferResult result)
    {
        var directory = result.Run.Directory.Path;
        string[] written =
        [
            WriteText(Path.Combine(directory, TransferFiles.Markdown), TransferMarkdown.Document(result)),
            WriteCsv(Path.Combine(directory, TransferFiles.Csv), csv => TransferCsv.Rows(csv, result)),
            WriteCsv(Path.Combine(directory, TransferFiles.ScoresCsv), csv => TransferCsv.Scores(csv, result)),
            WriteCsv(Path.Combine(directory, TransferFiles.TuningCsv), csv => TransferCsv.Tuning(csv, result)),
            TransferFigure.Save(Path.Combine(directory, TransferFiles.Figure), result),
        ];
        Console.WriteLine();
        foreach (var path in written) Console.WriteLine($"wrote {path}");
    }

    private static string WriteText(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }

    private static string WriteCsv(string path, Action<CsvWriter> write)
    {
        File.WriteAllBytes(path, CsvFiles.Bytes(write));
        return path;
    }

    /// <summary>Loads the datasets and samples one episode of each regime, so that bad data or settings fail now, not after an hour of tuning.</summary>
    private static void CheckFits(DatasetCatalog catalog, TransferSetting setting)
    {
        foreach (var spec in new[] { setting.Test, setting.Tuning })
        {
            var data = catalog.Get(spec.Dataset);
            var sample = EpisodeSampler.Sample(data, spec.PerClassTrain, spec.ValidationSize, seed: 0, spec.Classes);
            if (spec.Classifier == ClassifierKind.Cnn) CnnShape.For(data.FeatureCount, sample.ClassCount);
            spec.Validate();
        }
    }
}

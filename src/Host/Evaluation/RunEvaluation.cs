using CsvHelper;
using MetaLoss.Training;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Probes;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// `metaloss evaluate`'s work: tune the baselines on meta-training episodes, score every loss on the
/// same meta-test episodes per dataset, probe the MLN's gradient, then write the reports and figures.
/// </summary>
public static class RunEvaluation
{
    public static async Task Execute(EvaluationRequest request, CancellationToken cancellation)
    {
        var run = await EvaluatedRun.Load(request.RunPath, cancellation);
        RequireCifarDirectory(request);
        var runTemplate = run.Settings.Template;
        var template = runTemplate with { Classes = request.Classes ?? runTemplate.Classes, RecordValidationCurve = false, Schedule = null };
        TorchThreads.Configure(1);
        using var catalog = new DatasetCatalog(request.Data);
        // The MLN was evolved on the run's split; the baselines are tuned there too, never on a test split,
        // in the test episodes' regime (e.g. --classes' K), as the transfer suite tunes each of its rows.
        var tuningDataset = runTemplate.Dataset;
        CheckEpisodesFit(catalog, request.Datasets.Prepend(tuningDataset).Distinct(), template);

        var tuned = Tune(catalog, TuningRegime.Of(template, tuningDataset), request, cancellation);
        var mln = EvaluationContenders.Mln(template.LearningRate, run.Mln);
        var contenders = EvaluationContenders.Baselines(template.LearningRate, tuned).Append(mln).ToList();
        var seeds = Enumerable.Range(0, request.Episodes).Select(i => SeedDerivation.ForTestEpisode(request.Seed, i)).ToList();

        var datasets = new List<DatasetEvaluation>();
        var runner = new BatchedEpisodeRunner(catalog);
        var probe = new GradientProbe(catalog);
        foreach (var dataset in request.Datasets)
        {
            var datasetTemplate = template with { Dataset = dataset };
            var name = DatasetNames.Format(dataset);
            using var progress = new ConsoleProgress($"{name}: {contenders.Count} losses", contenders.Count * seeds.Count);
            var results = ScoreContenders(runner, datasetTemplate, contenders, seeds, request, d => progress.Report(d), cancellation);
            using var probeProgress = new ConsoleProgress($"{name}: MLN gradient probe", seeds.Count);
            var probeSpecs = seeds.Select(s => mln.Setting.ApplyTo(datasetTemplate) with { TaskSeed = s.TaskSeed, InitSeed = s.InitSeed }).ToList();
            var probes = ParallelEpisodes.Run(probe.Run, probeSpecs, request.Threads, d => probeProgress.Report(d), cancellation);
            var scores = contenders.Select((c, i) => new ContenderScores(c, results[i])).ToList();
            var evaluation = new DatasetEvaluation(dataset, scores[..^1], scores[^1], probes);
            Console.WriteLine($"\n{name}: {seeds.Count} paired episodes");
            Console.Write(EvaluationMarkdown.DatasetTable(evaluation));
            datasets.Add(evaluation);
        }

        Write(new EvaluationResult(run, template, request.Episodes, Math.Min(request.CurveEpisodes, request.Episodes), request.Seed, tuned, datasets));
    }

    /// <summary>
    /// Every contender on every seed. Only the first episodes record a validation curve: a
    /// validation pass per step costs several times the training itself (on CIFAR-10 most of the
    /// evaluation), only Figure 4 needs it, and the fitness is the same either way.
    /// </summary>
    private static IReadOnlyList<EpisodeResult[]> ScoreContenders(BatchedEpisodeRunner runner, EpisodeSpec template,
        IReadOnlyList<Contender> contenders, IReadOnlyList<EpisodeSeeds> seeds, EvaluationRequest request, Action<int> completed,
        CancellationToken cancellation)
    {
        var settings = contenders.Select(c => c.Setting).ToList();
        var withCurves = seeds.Take(request.CurveEpisodes).ToList();
        var withoutCurves = seeds.Skip(request.CurveEpisodes).ToList();
        var curved = PairedSuite.Run(runner, template with { RecordValidationCurve = true }, settings, withCurves, request.Threads,
            completed, cancellation);
        if (withoutCurves.Count == 0) return curved;
        var plain = PairedSuite.Run(runner, template with { RecordValidationCurve = false }, settings, withoutCurves, request.Threads,
            d => completed(settings.Count * withCurves.Count + d), cancellation);
        return [.. curved.Zip(plain, (a, b) => a.Concat(b).ToArray())];
    }

    private static TunedBaselines Tune(DatasetCatalog catalog, EpisodeSpec template, EvaluationRequest request, CancellationToken cancellation)
    {
        var name = DatasetNames.Format(template.Dataset);
        using var progress = new ConsoleProgress($"tuning baselines on {name}", BaselineTuner.EpisodeCount(request.Grid, request.TuneEpisodes));
        var tuned = new BaselineTuner(catalog).Tune(template, request.Grid, request.TuneEpisodes, request.Seed, request.Threads,
            d => progress.Report(d), cancellation);
        Console.WriteLine($"baselines tuned on {request.TuneEpisodes} episodes of {name} (meta-training split): " +
                          tuned.Summary);
        return tuned;
    }

    private static void Write(EvaluationResult result)
    {
        var directory = result.Run.Directory.Path;
        var written = new List<string>
        {
            WriteText(Path.Combine(directory, EvaluationFiles.Markdown), [EvaluationMarkdown.Document(result)]),
            WriteCsv(Path.Combine(directory, EvaluationFiles.Csv), csv => EvaluationCsv.Results(csv, result)),
            WriteCsv(Path.Combine(directory, EvaluationFiles.TuningCsv), csv => EvaluationCsv.Tuning(csv, result.Tuned)),
            WriteCsv(Path.Combine(directory, EvaluationFiles.LearningCurvesCsv), csv => EvaluationCsv.LearningCurves(csv, result)),
            WriteCsv(Path.Combine(directory, EvaluationFiles.GradientCsv), csv => EvaluationCsv.Gradient(csv, result)),
        };
        written.AddRange(EvaluationFigures.Save(result));
        Console.WriteLine();
        foreach (var path in written) Console.WriteLine($"wrote {path}");
    }

    private static string WriteText(string path, IEnumerable<string> lines)
    {
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string WriteCsv(string path, Action<CsvWriter> write)
    {
        File.WriteAllBytes(path, CsvFiles.Bytes(write));
        return path;
    }

    /// <summary>CIFAR-10 has no default location; say where to point before any work starts.</summary>
    private static void RequireCifarDirectory(EvaluationRequest request)
    {
        var cifar = request.Datasets.Where(d => d is DatasetName.Cifar10Test or DatasetName.Cifar10Train).ToList();
        if (cifar.Count > 0 && string.IsNullOrWhiteSpace(request.Data.Cifar10Directory))
            throw new ArgumentException($"--datasets includes {DatasetNames.Format(cifar[0])} but no --cifar10-dir was given; pass --cifar10-dir " +
                                        "pointing at a cifar-10-batches-bin folder (e.g. ../shared/data/cifar-10), or leave CIFAR-10 out of --datasets");
    }

    /// <summary>Loads every dataset and samples one episode of each, so that bad data or settings fail now, not after minutes of tuning.</summary>
    private static void CheckEpisodesFit(DatasetCatalog catalog, IEnumerable<DatasetName> datasets, EpisodeSpec template)
    {
        foreach (var dataset in datasets)
            EpisodeSampler.Sample(catalog.Get(dataset), template.PerClassTrain, template.ValidationSize, seed: 0, template.Classes);
    }
}

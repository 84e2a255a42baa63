using System.CommandLine;
using System.Globalization;
using MetaLoss.Host.Evaluation;
using MetaLoss.Host.Options;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Data;

namespace MetaLoss.Host.Commands;

/// <summary>
/// `metaloss evaluate --run DIR`: the run's best MLN against CE and MSE at the run's lr and every
/// baseline family tuned on meta-training episodes, on the same meta-test episodes; tables, learning
/// curves and gradient plots.
/// With `--suite transfer`, the transfer scoreboard instead (<see cref="TransferScoreboard"/>).
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var grid = BaselineGrid.Default;
        var data = new DataOptions();
        var run = new Option<string>("--run") { Description = "run directory (with best-mln.json and journal.db)", Required = true };
        var episodes = EpisodeOptions.EpisodeCount("--episodes", 100, "meta-test episodes per dataset, shared by every loss");
        var curveEpisodes = EpisodeOptions.EpisodeCount("--curve-episodes", 25, "of those, how many record a validation accuracy curve (Figure 4; costly)");
        var datasets = new Option<string>("--datasets") { Description = $"comma-separated, from {string.Join(", ", DatasetNames.All)}", DefaultValueFactory = _ => "fashion-mnist-test,cifar10-test" };
        var classes = new Option<string?>("--classes") { Description = "comma-separated class ids: episodes use only these K classes (default: the run's)" };
        var tuneEpisodes = EpisodeOptions.EpisodeCount("--tune-episodes", 50,
            $"meta-training episodes per baseline grid point (with --suite {TransferSuite.Name}: {TransferSuite.DefaultTuneEpisodes} unless given, per setting)");
        // One option per axis of the registered baseline families, so a new family brings its own.
        var axes = grid.Axes.Select(axis => (Axis: axis, Option: new Option<string>(axis.Option)
        {
            Description = $"comma-separated; {axis.Description}",
            DefaultValueFactory = _ => axis.DefaultText,
        })).ToList();
        var seed = new Option<ulong>("--seed") { Description = "seed of the meta-test and tuning suites", DefaultValueFactory = _ => 2026UL };
        var threads = EpisodeOptions.Positive("--threads", Environment.ProcessorCount, "episodes run at once, one torch thread each");
        var suite = new Option<string?>("--suite")
        {
            Description = $"instead of the run's own tables, a scoreboard over fixed settings: '{TransferSuite.Name}' (CIFAR-10, " +
                          "3x the steps, K = 5, a narrower and a wider MLP, a CNN on FashionMNIST and on CIFAR-10; writes transfer.md/.csv/.png)",
        };

        var command = new Command("evaluate", "Score a run's best MLN against tuned baselines (CE, its schedule, label smoothing, Poly-1, focal, MSE) on shared meta-test episodes; write tables and plots");
        data.AddTo(command);
        Option[] options = [run, episodes, curveEpisodes, datasets, classes, tuneEpisodes, .. axes.Select(a => a.Option), seed, threads, suite];
        foreach (var option in options) command.Options.Add(option);

        command.SetAction(async (result, cancellation) =>
        {
            var transfer = result.GetValue(suite) is { } suiteName && TransferSuite.Parse(suiteName) == TransferSuite.Name;
            if (transfer) RefuseOutsideSuite(result, curveEpisodes, datasets, classes);
            var request = new EvaluationRequest(
                result.GetValue(run)!,
                result.GetValue(episodes),
                result.GetValue(curveEpisodes),
                ListOption.Parse(result.GetValue(datasets)!, "--datasets", DatasetNames.Parse).Distinct().ToList(),
                ParseClasses(result.GetValue(classes)),
                transfer && result.GetResult(tuneEpisodes) is null or { Implicit: true } ? TransferSuite.DefaultTuneEpisodes : result.GetValue(tuneEpisodes),
                axes.Aggregate(grid, (g, a) => a.Axis.Read(g, result.GetValue(a.Option)!)).Checked(),
                result.GetValue(seed),
                result.GetValue(threads),
                data.Read(result));
            if (transfer) await TransferScoreboard.Execute(request, cancellation);
            else await RunEvaluation.Execute(request, cancellation);
            return 0;
        });
        return command;
    }

    /// <summary>The suite fixes its datasets, classes and curves: an option that would be ignored is refused instead.</summary>
    private static void RefuseOutsideSuite(ParseResult result, params Option[] options)
    {
        foreach (var option in options)
        {
            if (result.GetResult(option) is { Implicit: false })
                throw new ArgumentException($"{option.Name} does not apply to --suite {TransferSuite.Name}: its settings fix the datasets, classes and episodes");
        }
    }

    private static IReadOnlyList<int>? ParseClasses(string? text)
    {
        if (text is null) return null;
        var classes = ListOption.Parse(text, "--classes", s => int.Parse(s, CultureInfo.InvariantCulture));
        if (classes.Count < 2) throw new ArgumentException($"--classes needs at least two classes, got '{text}'");
        return classes;
    }
}

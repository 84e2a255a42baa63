using System.Globalization;
using System.Text;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Data;
using MetaLoss.Training.Evolution;
using MetaLoss.Host.Statistics;
using MetaLoss.Training.Statistics;
using static MetaLoss.Host.Evaluation.EvaluationNumbers;

namespace MetaLoss.Host.Evaluation;

/// <summary>The Markdown report (evaluation.md); its tables are also what the console shows.</summary>
public static class EvaluationMarkdown
{
    public static string Document(EvaluationResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Evaluation of `{result.Run.Directory.Path}`").AppendLine();
        text.Append(Header(result)).AppendLine();
        foreach (var dataset in result.Datasets)
        {
            text.AppendLine($"## {dataset.Name}").AppendLine();
            text.Append(DatasetTable(dataset)).AppendLine();
            text.AppendLine($"![Learning curves on {dataset.Name}]({EvaluationFiles.LearningCurvesFigure(dataset.Dataset)})").AppendLine();
        }
        text.AppendLine("## What did the MLN learn?").AppendLine();
        text.AppendLine("Per inner step, the MLN's gradient with respect to the logits against cross-entropy's at the same classifier " +
                        "state, over the MLN's evaluation episodes. The norm ratio is an effective step-size multiplier (CE at the run's lr " +
                        "is 1); a cosine near 1 means the MLN only rescales CE's direction, i.e. acts like a learning-rate schedule.").AppendLine();
        text.Append(GradientTable(result)).AppendLine();
        text.AppendLine($"![MLN gradient against CE]({EvaluationFiles.GradientFigure})").AppendLine();
        text.AppendLine("## Evolution").AppendLine();
        text.AppendLine(EvolutionSummary(result)).AppendLine();
        text.AppendLine($"![Fitness per generation]({EvaluationFiles.FitnessFigure})").AppendLine();
        text.AppendLine($"## Baseline tuning grid ({result.Tuned.Episodes} episodes of {DatasetNames.Format(result.Tuned.Dataset)})").AppendLine();
        text.Append(TuningTable(result.Tuned));
        return text.ToString();
    }

    public static string Header(EvaluationResult result)
    {
        var t = result.Template;
        var tuned = result.Tuned;
        return new StringBuilder()
            .AppendLine($"- MLN: `{result.Run.MlnFilePath}` ({result.Run.Mln.Parameters.Length} parameters; {result.Run.Mln.Note ?? "no note"}).")
            .AppendLine($"- Episodes: {result.Episodes} meta-test episodes per dataset, the same for every loss (paired; suite seed {result.Seed}): " +
                        $"{t.PerClassTrain} training examples per class, {t.ValidationSize} validation examples, MLP {t.FirstHidden}-{t.SecondHidden}, " +
                        $"{t.Steps} full-batch SGD steps; classes: {Classes(t.Classes)}. Figure 4's validation curves come from the first {result.CurveEpisodes} episodes.")
            .AppendLine($"- The run's learning rate: {t.LearningRate:G4} (the MLN trains at it, as in evolution).")
            .AppendLine($"- Baselines tuned on {tuned.Episodes} episodes of {DatasetNames.Format(tuned.Dataset)} (meta-training split; classes: " +
                        $"{Classes(tuned.Regime.Classes)}; tuning seeds distinct from the test suite's), best mean accuracy per family: {tuned.Summary}.")
            .ToString();
    }

    private static string Classes(IReadOnlyList<int>? classes) =>
        classes is null ? "all" : $"{string.Join(",", classes)} (K = {classes.Count})";

    public static string DatasetTable(DatasetEvaluation dataset)
    {
        var text = new StringBuilder();
        text.AppendLine("| loss | setting | accuracy mean ± std | 95% CI | flagged | MLN − loss | 95% CI | t | p | MLN wins/ties/losses |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var scores in dataset.All)
        {
            var accuracy = scores.Accuracy;
            var ci = Interval(accuracy.Mean - accuracy.ConfidenceHalfWidth95, accuracy.Mean + accuracy.ConfidenceHalfWidth95, Accuracy);
            var comparison = scores == dataset.Mln
                ? "| | | | | |"
                : Comparison(dataset.MlnVersus(scores));
            var name = scores == dataset.Mln ? $"**{scores.Contender.Name}**" : scores.Contender.Name;
            text.AppendLine($"| {name} | {scores.Contender.Setting} | {Accuracy(accuracy.Mean)} ± {Accuracy(accuracy.StandardDeviation)} | {ci} | " +
                            $"{scores.Flagged} {comparison}");
        }
        return text.ToString();
    }

    private static string Comparison(PairedComparison c) =>
        $"| {Difference(c.MeanDifference)} | {Interval(c.ConfidenceLow, c.ConfidenceHigh, Difference)} | {T(c.T)} | {P(c.PValue)} | {c.Wins}/{c.Ties}/{c.Losses} |";

    public static string GradientTable(EvaluationResult result)
    {
        var steps = result.Template.Steps;
        var middle = (steps + 1) / 2;
        var text = new StringBuilder();
        text.AppendLine($"| dataset | norm ratio, step 1 | step {middle} | step {steps} | cosine, step 1 | step {middle} | step {steps} |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var dataset in result.Datasets)
        {
            var ratio = dataset.NormRatio;
            var cosine = dataset.Cosine;
            text.AppendLine($"| {dataset.Name} | {At(ratio.Mean, 1)} | {At(ratio.Mean, middle)} | {At(ratio.Mean, steps)} | " +
                            $"{At(cosine.Mean, 1)} | {At(cosine.Mean, middle)} | {At(cosine.Mean, steps)} |");
        }
        var schedule = result.TunedScheduleRatio;
        text.AppendLine($"| tuned CE schedule (its lr / run's lr) | {At(schedule, 1)} | {At(schedule, middle)} | {At(schedule, steps)} | 1 | 1 | 1 |");
        return text.ToString();
    }

    /// <summary>A 1-based step of a curve; a curve that stopped early (non-finite loss) has no value there.</summary>
    private static string At(double[] curve, int step) => step <= curve.Length ? curve[step - 1].ToString("F3", CultureInfo.InvariantCulture) : "-";

    private static string EvolutionSummary(EvaluationResult result)
    {
        var history = result.Run.History;
        if (history.Count == 0) return "The journal holds no finished generation.";
        var settings = result.Run.Settings;
        return $"{history.Count} generations of {SearchStrategies.Describe(settings.Strategy, settings.Evolution)}, " +
               $"{settings.EpisodesPerCandidate} episode(s) per candidate{(settings.PairedEpisodes ? " shared by the generation" : "")}; " +
               $"best fitness {Accuracy(history[0].BestFitness)} in the first generation, {Accuracy(history[^1].BestFitness)} in the last.";
    }

    public static string TuningTable(TunedBaselines tuned)
    {
        var text = new StringBuilder();
        text.AppendLine("| baseline | setting | accuracy mean ± std | chosen |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in tuned.Grid)
        {
            var mark = tuned.IsChosen(row) ? "**yes**" : "";
            text.AppendLine($"| {row.Family.Title} | {row.Setting} | {Accuracy(row.Accuracy.Mean)} ± {Accuracy(row.Accuracy.StandardDeviation)} | {mark} |");
        }
        return text.ToString();
    }
}

using System.Text;
using static MetaLoss.Host.Evaluation.EvaluationNumbers;

namespace MetaLoss.Host.Evaluation;

/// <summary>The transfer scoreboard as Markdown (transfer.md); its table is also what the console shows.</summary>
public static class TransferMarkdown
{
    public static string Document(TransferResult result)
    {
        var run = result.Run;
        var template = run.Settings.Template;
        var text = new StringBuilder();
        text.AppendLine($"# Transfer scoreboard of `{run.Directory.Path}`").AppendLine();
        text.AppendLine($"- MLN: `{run.MlnFilePath}`, unchanged, at the run's learning rate {template.LearningRate:G4}; evolved for " +
                        $"{template.Steps} steps of an MLP {template.FirstHidden}-{template.SecondHidden} on {template.PerClassTrain} examples per class.");
        text.AppendLine($"- Each setting changes one thing. Every loss is scored on the same {result.Episodes} test episodes per setting " +
                        $"(paired; suite seed {result.Seed}); the baselines are tuned per setting on {result.TuneEpisodes} meta-training episodes " +
                        "per grid point of that regime on the run's split (CIFAR-10's train split is not used: its rows take the baselines " +
                        "tuned on FashionMNIST in the same regime, as `evaluate` does).");
        text.AppendLine("- Best baseline: the one with the best mean test accuracy in that setting, chosen on the test episodes " +
                        "themselves, which favours the baselines. The CI is the paired 95 % Student t interval of MLN minus it.").AppendLine();
        text.Append(Table(result)).AppendLine();
        text.AppendLine($"![MLN minus the best baseline per setting]({TransferFiles.Figure})").AppendLine();
        text.AppendLine("## Every loss per setting (mean test accuracy)").AppendLine();
        text.Append(ScoresTable(result.Rows)).AppendLine();
        text.AppendLine("## The baselines' tuned settings per setting").AppendLine();
        text.Append(TunedSettingsTable(result.Rows));
        return text.ToString();
    }

    public static string Table(TransferResult result)
    {
        var text = new StringBuilder();
        text.AppendLine("| setting | tuned on | MLN | best baseline | its setting | best | MLN − best | 95% CI | MLN wins/ties/losses |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in result.Rows)
        {
            var best = row.BestBaseline;
            var c = row.Comparison;
            text.AppendLine($"| {row.Setting.Name} | {row.Setting.TuningDataset} | {Accuracy(row.Mln.Accuracy.Mean)} | {best.Contender.Name} | " +
                            $"{best.Contender.Setting} | {Accuracy(best.Accuracy.Mean)} | {Difference(c.MeanDifference)} | " +
                            $"{Interval(c.ConfidenceLow, c.ConfidenceHigh, Difference)} | {c.Wins}/{c.Ties}/{c.Losses} |");
        }
        return text.ToString();
    }

    /// <summary>One console line per finished setting, before the whole table.</summary>
    public static string Line(TransferRow row)
    {
        var c = row.Comparison;
        return $"{row.Setting.Name}: MLN {Accuracy(row.Mln.Accuracy.Mean)}, best baseline {row.BestBaseline.Contender.Name} " +
               $"{Accuracy(row.BestBaseline.Accuracy.Mean)}, MLN − best {Difference(c.MeanDifference)} " +
               $"{Interval(c.ConfidenceLow, c.ConfidenceHigh, Difference)}, wins/ties/losses {c.Wins}/{c.Ties}/{c.Losses}";
    }

    /// <summary>
    /// Columns are named by loss family, the same in every row; each row was tuned on its own regime,
    /// so what tuning chose there is in <see cref="TunedSettingsTable"/>, row by row.
    /// </summary>
    public static string ScoresTable(IReadOnlyList<TransferRow> rows)
    {
        var names = EvaluationContenders.BaselineColumns(rows[0].Tuned).Append(rows[0].Mln.Contender.Name).ToList();
        var text = new StringBuilder();
        text.AppendLine($"| setting | {string.Join(" | ", names)} |");
        text.AppendLine($"|---|{string.Concat(names.Select(_ => "---|"))}");
        foreach (var row in rows)
            text.AppendLine($"| {row.Setting.Name} | {string.Join(" | ", row.Baselines.Append(row.Mln).Select(s => Accuracy(s.Accuracy.Mean)))} |");
        return text.ToString();
    }

    /// <summary>Each row's own tuned setting per family.</summary>
    public static string TunedSettingsTable(IReadOnlyList<TransferRow> rows)
    {
        var families = rows[0].Tuned.Chosen.Select(c => c.Family.Title).ToList();
        var text = new StringBuilder();
        text.AppendLine($"| setting | {string.Join(" | ", families)} |");
        text.AppendLine($"|---|{string.Concat(families.Select(_ => "---|"))}");
        foreach (var row in rows)
            text.AppendLine($"| {row.Setting.Name} | {string.Join(" | ", row.Tuned.Chosen.Select(c => c.Setting))} |");
        return text.ToString();
    }
}

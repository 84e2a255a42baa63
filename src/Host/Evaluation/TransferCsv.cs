using CsvHelper;
using MetaLoss.Training.Evaluation;

namespace MetaLoss.Host.Evaluation;

/// <summary>The scoreboard's machine-readable files, numbers in full (round-trip) precision.</summary>
public static class TransferCsv
{
    /// <summary>transfer.csv: the table, one row per setting.</summary>
    public static void Rows(CsvWriter csv, TransferResult result)
    {
        csv.WriteRecord(["setting", "test_dataset", "tuning_dataset", "classifier", "hidden", "steps", "classes", "episodes", "mln_mean",
            "mln_flagged", "best_baseline", "best_loss", "best_learning_rate", "best_schedule", "best_mean", "mln_minus_best",
            "mln_minus_best_ci95_low", "mln_minus_best_ci95_high", "t", "p", "mln_wins", "mln_ties", "mln_losses"]);
        foreach (var row in result.Rows)
        {
            var setting = row.Setting;
            var best = row.BestBaseline;
            var c = row.Comparison;
            csv.WriteField(setting.Name);
            csv.WriteField(setting.TestDataset);
            csv.WriteField(setting.TuningDataset);
            csv.WriteField(setting.Classifier);
            csv.WriteField(setting.Hidden);
            csv.WriteField(setting.Test.Steps);
            csv.WriteField(setting.Classes);
            csv.WriteField(c.Count);
            csv.WriteField(row.Mln.Accuracy.Mean);
            csv.WriteField(row.Mln.Flagged);
            csv.WriteField(best.Contender.Name);
            Setting(csv, best.Contender.Setting);
            foreach (var value in new[] { best.Accuracy.Mean, c.MeanDifference, c.ConfidenceLow, c.ConfidenceHigh, c.T, c.PValue }) csv.WriteField(value);
            csv.WriteField(c.Wins);
            csv.WriteField(c.Ties);
            csv.WriteField(c.Losses);
            csv.EndRecord();
        }
    }

    /// <summary>transfer-scores.csv: every loss in every setting.</summary>
    public static void Scores(CsvWriter csv, TransferResult result)
    {
        csv.WriteRecord(["setting", "contender", "loss", "learning_rate", "schedule", "episodes", "flagged", "mean", "std", "best_baseline"]);
        foreach (var row in result.Rows)
        foreach (var scores in row.Baselines.Append(row.Mln))
        {
            csv.WriteField(row.Setting.Name);
            csv.WriteField(scores.Contender.Name);
            Setting(csv, scores.Contender.Setting);
            csv.WriteField(scores.Accuracy.Count);
            csv.WriteField(scores.Flagged);
            csv.WriteField(scores.Accuracy.Mean);
            csv.WriteField(scores.Accuracy.StandardDeviation);
            csv.WriteField(scores == row.BestBaseline);
            csv.EndRecord();
        }
    }

    /// <summary>transfer-tuning.csv: every grid point of every tuning regime (settings that share a regime list it once).</summary>
    public static void Tuning(CsvWriter csv, TransferResult result)
    {
        csv.WriteRecord(["settings", "tuning_dataset", "family", "loss", "learning_rate", "schedule", "episodes", "mean", "std", "chosen"]);
        foreach (var regime in result.Rows.GroupBy(r => r.Tuned))
        {
            var settings = string.Join("; ", regime.Select(r => r.Setting.Name));
            foreach (var row in regime.Key.Grid)
            {
                csv.WriteField(settings);
                csv.WriteField(regime.First().Setting.TuningDataset);
                csv.WriteField(row.Family.Name);
                Setting(csv, row.Setting);
                csv.WriteField(row.Accuracy.Count);
                csv.WriteField(row.Accuracy.Mean);
                csv.WriteField(row.Accuracy.StandardDeviation);
                csv.WriteField(regime.Key.IsChosen(row));
                csv.EndRecord();
            }
        }
    }

    private static void Setting(CsvWriter csv, LossSetting setting)
    {
        csv.WriteField(setting.Loss.Label);
        csv.WriteField(setting.LearningRate);
        csv.WriteField(setting.Schedule?.ToString() ?? "constant");
    }
}

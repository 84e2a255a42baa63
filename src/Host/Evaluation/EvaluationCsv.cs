using CsvHelper;
using MetaLoss.Host.Statistics;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Evaluation;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// The machine-readable results: one row per (dataset, loss), the tuning grid, and the gradient probe
/// per step. Numbers keep their full (round-trip) precision, so nothing is lost to rounding.
/// </summary>
public static class EvaluationCsv
{
    public static void Results(CsvWriter csv, EvaluationResult result)
    {
        csv.WriteRecord(["dataset", "contender", "loss", "learning_rate", "schedule", "episodes", "flagged", "mean", "std", "ci95_low",
            "ci95_high", "mln_minus_mean", "mln_minus_std", "mln_minus_ci95_low", "mln_minus_ci95_high", "t", "p", "mln_wins",
            "mln_ties", "mln_losses"]);
        foreach (var dataset in result.Datasets)
        foreach (var scores in dataset.All)
        {
            var a = scores.Accuracy;
            csv.WriteField(dataset.Name);
            csv.WriteField(scores.Contender.Name);
            Setting(csv, scores.Contender.Setting);
            csv.WriteField(a.Count);
            csv.WriteField(scores.Flagged);
            csv.WriteField(a.Mean);
            csv.WriteField(a.StandardDeviation);
            csv.WriteField(a.Mean - a.ConfidenceHalfWidth95);
            csv.WriteField(a.Mean + a.ConfidenceHalfWidth95);
            if (scores == dataset.Mln)
            {
                for (var i = 0; i < 9; i++) csv.WriteField("");
            }
            else
            {
                var c = dataset.MlnVersus(scores);
                foreach (var value in (double[])[c.MeanDifference, c.StandardDeviation, c.ConfidenceLow, c.ConfidenceHigh, c.T, c.PValue])
                    csv.WriteField(value);
                csv.WriteField(c.Wins);
                csv.WriteField(c.Ties);
                csv.WriteField(c.Losses);
            }
            csv.EndRecord();
        }
    }

    public static void Tuning(CsvWriter csv, TunedBaselines tuned)
    {
        var chosen = new[] { tuned.CrossEntropy, tuned.MeanSquaredError, tuned.CrossEntropySchedule };
        csv.WriteRecord(["family", "loss", "learning_rate", "schedule", "episodes", "mean", "std", "chosen"]);
        foreach (var row in tuned.Grid)
        {
            csv.WriteField(row.Family.ToString());
            Setting(csv, row.Setting);
            csv.WriteField(row.Accuracy.Count);
            csv.WriteField(row.Accuracy.Mean);
            csv.WriteField(row.Accuracy.StandardDeviation);
            csv.WriteField(chosen.Contains(row.Setting));
            csv.EndRecord();
        }
    }

    /// <summary>Figure 4's numbers: per (dataset, loss, step) the mean and std of the raw curves.</summary>
    public static void LearningCurves(CsvWriter csv, EvaluationResult result)
    {
        csv.WriteRecord(["dataset", "contender", "step", "train_loss_mean", "train_loss_std", "train_accuracy_mean", "train_accuracy_std",
            "validation_accuracy_mean", "validation_accuracy_std"]);
        foreach (var dataset in result.Datasets)
        foreach (var scores in dataset.All)
        {
            var curves = new[] { scores.TrainLoss, scores.TrainAccuracy, scores.ValidationAccuracy };
            for (var step = 0; step < curves.Max(c => c.Steps); step++)
            {
                csv.WriteField(dataset.Name);
                csv.WriteField(scores.Contender.Name);
                csv.WriteField(step + 1);
                foreach (var curve in curves)
                {
                    // A curve that stopped early (its loss went non-finite) has nothing at the later steps.
                    if (step < curve.Steps)
                    {
                        csv.WriteField(curve.Mean[step]);
                        csv.WriteField(curve.StandardDeviation[step]);
                    }
                    else
                    {
                        csv.WriteField("");
                        csv.WriteField("");
                    }
                }
                csv.EndRecord();
            }
        }
    }

    public static void Gradient(CsvWriter csv, EvaluationResult result)
    {
        csv.WriteRecord(["dataset", "step", "episodes", "norm_ratio_mean", "norm_ratio_std", "cosine_mean", "cosine_std"]);
        foreach (var dataset in result.Datasets)
        {
            var ratio = dataset.NormRatio;
            var cosine = dataset.Cosine;
            for (var step = 0; step < ratio.Steps; step++)
            {
                csv.WriteField(dataset.Name);
                csv.WriteField(step + 1);
                csv.WriteField(ratio.Count[step]);
                csv.WriteField(ratio.Mean[step]);
                csv.WriteField(ratio.StandardDeviation[step]);
                csv.WriteField(cosine.Mean[step]);
                csv.WriteField(cosine.StandardDeviation[step]);
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

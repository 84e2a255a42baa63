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
            Numbers(csv, a.Mean, a.StandardDeviation, a.Mean - a.ConfidenceHalfWidth95, a.Mean + a.ConfidenceHalfWidth95);
            if (scores == dataset.Mln)
            {
                Empty(csv, 9);
            }
            else
            {
                var c = dataset.MlnVersus(scores);
                Numbers(csv, c.MeanDifference, c.StandardDeviation, c.ConfidenceLow, c.ConfidenceHigh, c.T, c.PValue);
                csv.WriteField(c.Wins);
                csv.WriteField(c.Ties);
                csv.WriteField(c.Losses);
            }
            csv.EndRecord();
        }
    }

    public static void Tuning(CsvWriter csv, TunedBaselines tuned)
    {
        csv.WriteRecord(["family", "loss", "learning_rate", "schedule", "episodes", "mean", "std", "chosen"]);
        foreach (var row in tuned.Grid)
        {
            csv.WriteField(row.Family.Name);
            Setting(csv, row.Setting);
            csv.WriteField(row.Accuracy.Count);
            Numbers(csv, row.Accuracy.Mean, row.Accuracy.StandardDeviation);
            csv.WriteField(tuned.IsChosen(row));
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
                // A curve that stopped early (its loss went non-finite) has nothing at the later steps.
                foreach (var curve in curves)
                    if (step < curve.Steps) Numbers(csv, curve.Mean[step], curve.StandardDeviation[step]);
                    else Empty(csv, 2);
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
                Numbers(csv, ratio.Mean[step], ratio.StandardDeviation[step], cosine.Mean[step], cosine.StandardDeviation[step]);
                csv.EndRecord();
            }
        }
    }

    private static void Numbers(CsvWriter csv, params ReadOnlySpan<double> values)
    {
        foreach (var value in values) csv.WriteField(value);
    }

    private static void Empty(CsvWriter csv, int fields)
    {
        for (var i = 0; i < fields; i++) csv.WriteField("");
    }

    private static void Setting(CsvWriter csv, LossSetting setting)
    {
        csv.WriteField(setting.Loss.Label);
        csv.WriteField(setting.LearningRate);
        csv.WriteField(setting.Schedule?.ToString() ?? "constant");
    }
}

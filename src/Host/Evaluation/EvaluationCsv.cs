using System.Globalization;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Evaluation;
using static MetaLoss.Host.Evaluation.EvaluationNumbers;

namespace MetaLoss.Host.Evaluation;

/// <summary>The machine-readable results: one row per (dataset, loss), the tuning grid, and the gradient probe per step.</summary>
public static class EvaluationCsv
{
    public static IEnumerable<string> Results(EvaluationResult result)
    {
        yield return "dataset,contender,loss,learning_rate,schedule,episodes,flagged,mean,std,ci95_low,ci95_high," +
                     "mln_minus_mean,mln_minus_std,mln_minus_ci95_low,mln_minus_ci95_high,t,p,mln_wins,mln_ties,mln_losses";
        foreach (var dataset in result.Datasets)
        foreach (var scores in dataset.All)
        {
            var a = scores.Accuracy;
            var fields = new List<string> { dataset.Name, scores.Contender.Name };
            fields.AddRange(Setting(scores.Contender.Setting));
            fields.AddRange([Int(a.Count), Int(scores.Flagged), Raw(a.Mean), Raw(a.StandardDeviation),
                Raw(a.Mean - a.ConfidenceHalfWidth95), Raw(a.Mean + a.ConfidenceHalfWidth95)]);
            if (scores == dataset.Mln)
            {
                fields.AddRange(Enumerable.Repeat("", 9));
            }
            else
            {
                var c = dataset.MlnVersus(scores);
                fields.AddRange([Raw(c.MeanDifference), Raw(c.StandardDeviation), Raw(c.ConfidenceLow), Raw(c.ConfidenceHigh),
                    Raw(c.T), Raw(c.PValue), Int(c.Wins), Int(c.Ties), Int(c.Losses)]);
            }
            yield return string.Join(",", fields.Select(Quote));
        }
    }

    public static IEnumerable<string> Tuning(TunedBaselines tuned)
    {
        var chosen = new[] { tuned.CrossEntropy, tuned.MeanSquaredError, tuned.CrossEntropySchedule };
        yield return "family,loss,learning_rate,schedule,episodes,mean,std,chosen";
        foreach (var row in tuned.Grid)
        {
            var fields = new List<string> { row.Family.ToString() };
            fields.AddRange(Setting(row.Setting));
            fields.AddRange([Int(row.Accuracy.Count), Raw(row.Accuracy.Mean), Raw(row.Accuracy.StandardDeviation),
                chosen.Contains(row.Setting) ? "true" : "false"]);
            yield return string.Join(",", fields.Select(Quote));
        }
    }

    /// <summary>Figure 4's numbers: per (dataset, loss, step) the mean and std of the raw curves.</summary>
    public static IEnumerable<string> LearningCurves(EvaluationResult result)
    {
        yield return "dataset,contender,step,train_loss_mean,train_loss_std,train_accuracy_mean,train_accuracy_std," +
                     "validation_accuracy_mean,validation_accuracy_std";
        foreach (var dataset in result.Datasets)
        foreach (var scores in dataset.All)
        {
            var curves = new[] { scores.TrainLoss, scores.TrainAccuracy, scores.ValidationAccuracy };
            for (var step = 0; step < curves.Max(c => c.Steps); step++)
            {
                var fields = new List<string> { dataset.Name, scores.Contender.Name, Int(step + 1) };
                foreach (var curve in curves)
                    fields.AddRange(step < curve.Steps ? [Raw(curve.Mean[step]), Raw(curve.StandardDeviation[step])] : ["", ""]);
                yield return string.Join(",", fields.Select(Quote));
            }
        }
    }

    public static IEnumerable<string> Gradient(EvaluationResult result)
    {
        yield return "dataset,step,episodes,norm_ratio_mean,norm_ratio_std,cosine_mean,cosine_std";
        foreach (var dataset in result.Datasets)
        {
            var ratio = dataset.NormRatio;
            var cosine = dataset.Cosine;
            for (var step = 0; step < ratio.Steps; step++)
                yield return string.Join(",", dataset.Name, Int(step + 1), Int(ratio.Count[step]), Raw(ratio.Mean[step]),
                    Raw(ratio.StandardDeviation[step]), Raw(cosine.Mean[step]), Raw(cosine.StandardDeviation[step]));
        }
    }

    private static IEnumerable<string> Setting(LossSetting setting) =>
        [setting.Loss.Label, Raw(setting.LearningRate), setting.Schedule?.ToString() ?? "constant"];

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}

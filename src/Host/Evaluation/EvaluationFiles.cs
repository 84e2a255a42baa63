using MetaLoss.Training.Data;

namespace MetaLoss.Host.Evaluation;

/// <summary>The files `metaloss evaluate` writes into the run directory; names relative to it, so the Markdown can link them.</summary>
public static class EvaluationFiles
{
    public const string Markdown = "evaluation.md";
    public const string Csv = "evaluation.csv";
    public const string TuningCsv = "baseline-tuning.csv";
    public const string LearningCurvesCsv = "learning-curves.csv";
    public const string GradientCsv = "gradient-vs-ce.csv";
    public const string FitnessFigure = "fitness.png";
    public const string GradientFigure = "gradient-vs-ce.png";

    public static string LearningCurvesFigure(DatasetName dataset) => $"figure4-{DatasetNames.Format(dataset)}.png";
}

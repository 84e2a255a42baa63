namespace MetaLoss.Host.Evaluation;

/// <summary>The files `metaloss evaluate --suite transfer` writes into the run directory, beside evaluate's own.</summary>
public static class TransferFiles
{
    public const string Markdown = "transfer.md";
    public const string Csv = "transfer.csv";
    public const string ScoresCsv = "transfer-scores.csv";
    public const string TuningCsv = "transfer-tuning.csv";
    public const string Figure = "transfer.png";
}

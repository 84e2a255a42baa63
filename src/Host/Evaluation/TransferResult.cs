namespace MetaLoss.Host.Evaluation;

/// <summary>Everything one `metaloss evaluate --suite transfer` measured, for the table, CSVs and figure.</summary>
public sealed record TransferResult(EvaluatedRun Run, int Episodes, int TuneEpisodes, ulong Seed, IReadOnlyList<TransferRow> Rows);

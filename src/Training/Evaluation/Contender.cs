namespace MetaLoss.Training.Evaluation;

/// <summary>One entry of a comparison: a name for the report and the loss setting it trains with.</summary>
public sealed record Contender(string Name, LossSetting Setting);

using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// One row of the transfer scoreboard: a regime the MLN was not evolved for. Every loss is scored on
/// <see cref="Test"/>'s meta-test episodes; the baselines are tuned on <see cref="Tuning"/>'s
/// meta-training episodes, the same regime on the run's meta-training split.
/// </summary>
/// <param name="Name">Short, for the table: e.g. "cifar10-test, CNN".</param>
/// <param name="Change">What differs from the regime the MLN was evolved in, e.g. "60 steps (3x)".</param>
public sealed record TransferSetting(string Name, string Change, EpisodeSpec Test, EpisodeSpec Tuning)
{
    public string Hidden => Test.Classifier == ClassifierKind.Mlp ? $"{Test.FirstHidden}-{Test.SecondHidden}" : "";

    public string Classes => Test.Classes is null ? "all" : string.Join(" ", Test.Classes);

    public string Classifier => Test.Classifier == ClassifierKind.Mlp ? "MLP" : "CNN";

    public string TestDataset => DatasetNames.Format(Test.Dataset);

    public string TuningDataset => DatasetNames.Format(Tuning.Dataset);
}

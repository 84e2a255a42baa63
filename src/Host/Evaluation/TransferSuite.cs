using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// The settings of `evaluate --suite transfer`, each one change away from the run's own regime: the
/// run's regime on FashionMNIST (the reference row) and on CIFAR-10; FashionMNIST at 3x the steps,
/// with K = 5 classes, with an MLP 4x narrower and 4x wider; the CNN on FashionMNIST and on CIFAR-10.
/// Baselines are tuned on the run's meta-training split in the setting's regime, never on a test
/// split: CIFAR-10's train split is not on disk here, so, as plain `evaluate` does, CIFAR-10's rows
/// use the baselines tuned on FashionMNIST in the same regime.
/// </summary>
public static class TransferSuite
{
    public const string Name = "transfer";

    /// <summary>
    /// Tuning episodes per grid point and setting unless given: six tuning regimes, one of them the
    /// CNN's (about 2 s an episode on one core), make evaluate's 50 cost over an hour more on 2 cores;
    /// 20 paired episodes still tell grid points apart.
    /// </summary>
    public const int DefaultTuneEpisodes = 20;

    /// <summary>Longer than the evolved horizon, as the paper's follow-ups and online loss learning warn a learned loss may not carry.</summary>
    public const int StepFactor = 3;

    /// <summary>
    /// Narrower and wider by the same factor, so the two rows are symmetric around the evolved width
    /// (256-128 by default gives 64-32 and 1024-512; wider would mostly cost time on 2 cores).
    /// </summary>
    public const int WidthFactor = 4;

    /// <summary>T-shirt, trouser, pullover, dress, coat: the first five classes, three of which look alike.</summary>
    public static readonly IReadOnlyList<int> FiveClasses = [0, 1, 2, 3, 4];

    /// <summary>The settings, in table order, for a run evolved with <paramref name="run"/>'s regime.</summary>
    public static IReadOnlyList<TransferSetting> Settings(EpisodeSpec run)
    {
        var regime = run with { RecordValidationCurve = false, Schedule = null, Classifier = ClassifierKind.Mlp };
        var tuningDataset = regime.Dataset;
        const DatasetName fashion = DatasetName.FashionMnistTest, cifar = DatasetName.Cifar10Test;
        var steps = regime with { Steps = regime.Steps * StepFactor };
        var fiveClasses = regime with { Classes = FiveClasses };
        var narrow = regime with { FirstHidden = Math.Max(1, regime.FirstHidden / WidthFactor), SecondHidden = Math.Max(1, regime.SecondHidden / WidthFactor) };
        var wide = regime with { FirstHidden = regime.FirstHidden * WidthFactor, SecondHidden = regime.SecondHidden * WidthFactor };
        var cnn = regime with { Classifier = ClassifierKind.Cnn };
        return
        [
            Setting("run regime (reference)", fashion, regime),
            Setting("run regime", cifar, regime),
            Setting($"{steps.Steps} steps ({StepFactor}x)", fashion, steps),
            Setting("K = 5 (classes 0-4)", fashion, fiveClasses),
            Setting($"MLP {narrow.FirstHidden}-{narrow.SecondHidden}", fashion, narrow),
            Setting($"MLP {wide.FirstHidden}-{wide.SecondHidden}", fashion, wide),
            Setting("CNN", fashion, cnn),
            Setting("CNN", cifar, cnn),
        ];

        TransferSetting Setting(string change, DatasetName test, EpisodeSpec template) =>
            new($"{DatasetNames.Format(test)}, {change}", change, template with { Dataset = test }, TuningRegime.Of(template, tuningDataset));
    }

    /// <summary>The one suite there is, by its command-line name; anything else is refused with the valid name.</summary>
    public static string Parse(string text)
    {
        var trimmed = text.Trim();
        if (string.Equals(trimmed, Name, StringComparison.OrdinalIgnoreCase)) return Name;
        throw new ArgumentException($"--suite: unknown suite '{text}'; the only suite is '{Name}' (leave --suite out for the run's own tables)");
    }
}

using MetaLoss.Host.Evaluation;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Baselines.Families;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests;

/// <summary>The scoreboard's every-loss tables when the rows' tunings chose differently.</summary>
public class TransferScoresTableSpecs
{
    private const double RunRate = 0.5;

    private static readonly LearningRateSchedule Cosine = new(LearningRateDecay.Cosine, 0.25);

    private static readonly EpisodeSpec Regime = new(DatasetName.FashionMnistTest, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0);

    /// <summary>Tuning at the run's lr for CE and focal γ=2 in one row, CE lr 0.2 and focal γ=6 in the other.</summary>
    private static readonly TransferRow[] Rows =
    [
        Row("fashion-mnist-test, run regime (reference)", Regime, crossEntropyRate: RunRate, focalGamma: 2, accuracy: 0.61),
        Row("fashion-mnist-test, K = 5 (classes 0-4)", Regime with { Classes = [0, 1, 2, 3, 4] }, crossEntropyRate: 0.2, focalGamma: 6, accuracy: 0.72),
    ];

    [Fact]
    public void Should_name_the_accuracy_columns_by_family_whatever_each_rows_tuning_chose()
    {
        var lines = TransferMarkdown.ScoresTable(Rows).TrimEnd().Split('\n');

        Assert.Equal("| setting | CE (run lr) | CE, constant lr | CE, decaying lr | CE + label smoothing, decaying lr | Poly-1, decaying lr | " +
                     "focal loss, decaying lr | MSE, constant lr | MSE (run lr) | MLN (run lr) |", lines[0]);
        Assert.StartsWith("| fashion-mnist-test, run regime (reference) | 0.610 | 0.611 |", lines[2]);
        Assert.StartsWith("| fashion-mnist-test, K = 5 (classes 0-4) | 0.720 | 0.721 |", lines[3]);
    }

    [Fact]
    public void Should_name_each_rows_own_tuned_settings()
    {
        var lines = TransferMarkdown.TunedSettingsTable(Rows).TrimEnd().Split('\n');

        Assert.Equal(4, lines.Length);
        Assert.Equal(Cells(["setting", .. BaselineFamilies.All.Select(f => f.Title)]), lines[0]);
        Assert.Equal(Cells("fashion-mnist-test, run regime (reference)", "CE lr 0.5", "CE lr 0.4, cosine decay to 0.25x",
            "CE+LS ε=0.1 lr 0.5, cosine decay to 0.25x", "Poly-1 ε=1 lr 0.4, cosine decay to 0.25x", "focal γ=2 lr 0.4, cosine decay to 0.25x",
            "MSE lr 0.6"), lines[2]);
        Assert.Equal(Cells("fashion-mnist-test, K = 5 (classes 0-4)", "CE lr 0.2", "CE lr 0.4, cosine decay to 0.25x",
            "CE+LS ε=0.1 lr 0.5, cosine decay to 0.25x", "Poly-1 ε=1 lr 0.4, cosine decay to 0.25x", "focal γ=6 lr 0.4, cosine decay to 0.25x",
            "MSE lr 0.6"), lines[3]);
    }

    private static string Cells(params string[] cells) => $"| {string.Join(" | ", cells)} |";

    /// <summary>A row whose contenders score <paramref name="accuracy"/>, +0.001 for each next one, on one episode.</summary>
    private static TransferRow Row(string name, EpisodeSpec test, double crossEntropyRate, double focalGamma, double accuracy)
    {
        var tuned = new TunedBaselines(test with { Dataset = DatasetName.FashionMnistMetaTrain }, 3,
        [
            new(CrossEntropyBaseline.Family, new LossSetting(new LossSpec.CrossEntropy(), crossEntropyRate)),
            new(CrossEntropyScheduleBaseline.Family, new LossSetting(new LossSpec.CrossEntropy(), 0.4, Cosine)),
            new(LabelSmoothingBaseline.Family, new LossSetting(new LossSpec.LabelSmoothing(0.1), 0.5, Cosine)),
            new(PolyOneBaseline.Family, new LossSetting(new LossSpec.PolyOne(1), 0.4, Cosine)),
            new(FocalBaseline.Family, new LossSetting(new LossSpec.Focal(focalGamma), 0.4, Cosine)),
            new(MeanSquaredErrorBaseline.Family, new LossSetting(new LossSpec.MeanSquaredError(), 0.6)),
        ], []);
        var scores = EvaluationContenders.Baselines(RunRate, tuned)
            .Append(new Contender("MLN (run lr)", new LossSetting(new LossSpec.CrossEntropy(), RunRate)))
            .Select((c, i) => new ContenderScores(c, [new EpisodeResult(accuracy + i * 1e-3, EpisodeOutcome.Completed, [], [], [])]))
            .ToList();
        var setting = new TransferSetting(name, name, test, test with { Dataset = DatasetName.FashionMnistMetaTrain });
        return new TransferRow(setting, tuned, scores[..^1], scores[^1]);
    }
}

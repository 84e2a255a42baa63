using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>Episodes that train the CNN classifier: it learns, and a group gives each member its lone episode's bits.</summary>
public class CnnEpisodeSpecs
{
    private static readonly BatchedEpisodeRunner Runner = new(TestData.Catalog);

    private static EpisodeSpec Spec(ulong seed, DatasetName dataset = DatasetName.FashionMnistTrain) =>
        new(dataset, new LossSpec.CrossEntropy(), TaskSeed: seed, InitSeed: seed + 100, PerClassTrain: 10, ValidationSize: 300,
            Steps: 8, LearningRate: 0.2, RecordValidationCurve: true, Classifier: ClassifierKind.Cnn);

    [Fact]
    public void Should_learn_fashion_mnist_well_above_chance_in_a_few_steps()
    {
        var results = Runner.Run([Spec(1) with { RecordValidationCurve = false }, Spec(2) with { RecordValidationCurve = false }]);

        // Ten classes: chance is 0.1; these seeds reach 0.43 and 0.63.
        Assert.All(results, r => Assert.True(r.Fitness > 0.3, $"validation accuracy {r.Fitness} after 8 steps"));
        Assert.All(results, r => Assert.True(r.TrainLoss[^1] < r.TrainLoss[0], $"training loss went from {r.TrainLoss[0]} to {r.TrainLoss[^1]}"));
    }

    [Fact]
    public void Should_train_on_cifar10_images_of_three_planes()
    {
        var result = Runner.Run(Spec(3, DatasetName.Cifar10Test) with { Steps = 3 });

        Assert.Equal(EpisodeOutcome.Completed, result.Outcome);
        Assert.Equal(3, result.ValidationAccuracy.Length);
    }

    [Fact]
    public void Should_give_each_member_of_a_cross_entropy_group_the_bits_of_its_lone_episode()
    {
        // Different tasks, initialisations and rates: the CNN runs each member on its own, and CE's rows are independent.
        EpisodeSpec[] group = [Spec(4), Spec(5) with { LearningRate = 0.05 }, Spec(6)];

        var batched = Runner.RunGroup(group);

        for (var p = 0; p < group.Length; p++) SameResult.Assert(Runner.Run(group[p]), batched[p], $"member {p}");
    }

    [Fact]
    public void Should_give_each_member_of_an_mln_group_its_lone_result_and_the_same_bits_when_run_again()
    {
        var broken = MlnArchitecture.Default.RandomParameters(6);
        broken[^1] = float.NaN;
        var mln = new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(5));
        // A member whose loss goes NaN among them: it is flagged, the others carry on.
        EpisodeSpec[] group =
        [
            Spec(4) with { Loss = mln }, Spec(5) with { Loss = mln, LearningRate = 0.05 },
            Spec(6) with { Loss = new LossSpec.MetaLoss(MlnArchitecture.Default, broken) }, Spec(7) with { Loss = mln },
        ];

        var batched = Runner.RunGroup(group);

        Assert.Equal(EpisodeOutcome.NonFiniteLoss, batched[2].Outcome);
        // The MLN population's loss is one batched product, which may round differently for another P.
        for (var p = 0; p < group.Length; p++) CloseResult.Assert(Runner.Run(group[p]), batched[p], $"member {p}");
        var again = Runner.RunGroup(group);
        for (var p = 0; p < group.Length; p++) SameResult.Assert(batched[p], again[p], $"member {p}, run again");
    }

    [Fact]
    public void Should_keep_cnn_and_mlp_episodes_in_groups_of_their_own()
    {
        var cnn = Spec(8);
        var mlp = cnn with { Classifier = ClassifierKind.Mlp };

        var error = Assert.Throws<ArgumentException>(() => Runner.RunGroup([cnn, mlp]));
        Assert.Contains("one batch key", error.Message);
        var mixed = Runner.Run([cnn, mlp]);
        SameResult.Assert(Runner.Run(cnn), mixed[0], "the CNN episode");
        SameResult.Assert(Runner.Run(mlp), mixed[1], "the MLP episode");
    }
}

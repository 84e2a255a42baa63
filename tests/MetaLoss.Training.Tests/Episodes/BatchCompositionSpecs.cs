using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>
/// An evaluator batches whatever its lease holds, and a resumed or clustered run leases differently,
/// so a member's result must not depend on which other members share its batch: bit for bit, not
/// only its fitness but every point of its curves.
/// </summary>
public class BatchCompositionSpecs
{
    private static readonly BatchedEpisodeRunner Batched = new(TestData.Catalog);

    private static LossSpec.MetaLoss Mln(ulong seed) => new(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(seed));

    private static EpisodeSpec Spec(ulong seed, ulong? taskSeed = null) =>
        new(DatasetName.FashionMnistTrain, Mln(seed), TaskSeed: taskSeed ?? seed, InitSeed: seed + 1000, RecordValidationCurve: true);

    private static readonly EpisodeSpec Target = Spec(1);

    private static EpisodeSpec[] Others(int count, ulong first) =>
        Enumerable.Range(0, count).Select(i => Spec(first + (ulong)i)).ToArray();

    private static EpisodeResult Alone() => Batched.Run([Target])[0];

    [Fact]
    public void Should_give_a_member_the_same_result_first_in_a_batch_of_four_as_alone()
    {
        AssertIdentical(Alone(), Batched.Run([Target, .. Others(3, 10)])[0]);
    }

    [Fact]
    public void Should_give_a_member_the_same_result_last_in_a_batch_of_eight_as_alone()
    {
        AssertIdentical(Alone(), Batched.Run([.. Others(7, 20), Target])[7]);
    }

    [Fact]
    public void Should_give_a_member_the_same_result_beside_one_whose_loss_goes_nan()
    {
        // A flagged batch-mate drops out of the SGD step, so the live members step through the
        // partial-group path (index_add_) instead of one add_ over the whole batch.
        var broken = MlnArchitecture.Default.RandomParameters(6);
        broken[^1] = float.NaN;
        var nan = Spec(6) with { Loss = new LossSpec.MetaLoss(MlnArchitecture.Default, broken) };

        var results = Batched.Run([nan, Target, .. Others(2, 30)]);

        Assert.Equal(EpisodeOutcome.NonFiniteLoss, results[0].Outcome);
        AssertIdentical(Alone(), results[1]);
    }

    [Fact]
    public void Should_give_a_member_the_same_result_beside_one_with_another_learning_rate()
    {
        var results = Batched.Run([Spec(40) with { LearningRate = 0.1 }, Target]);

        AssertIdentical(Alone(), results[1]);
    }

    [Fact]
    public void Should_give_a_member_the_same_result_in_a_batch_sharing_its_task_as_alone()
    {
        // Paired scoring: every member has the target's task, so the rows are expanded, not stacked.
        var results = Batched.Run([.. Others(3, 50).Select(s => s with { TaskSeed = Target.TaskSeed }), Target]);

        AssertIdentical(Alone(), results[3]);
    }

    [Theory]
    [InlineData("ce")]
    [InlineData("mse")]
    [InlineData("mln")]
    public void Should_give_a_member_the_same_result_alone_and_in_a_batch_at_tiny_sizes(string loss)
    {
        // The sizes the end-to-end tests evolve with: libtorch picks other kernels for small products.
        LossSpec spec = loss switch { "ce" => new LossSpec.CrossEntropy(), "mse" => new LossSpec.MeanSquaredError(), _ => Mln(3) };
        EpisodeSpec Tiny(ulong seed) => new(DatasetName.FashionMnistTrain, spec, TaskSeed: seed, InitSeed: seed + 7, PerClassTrain: 2,
            ValidationSize: 60, FirstHidden: 16, SecondHidden: 16, Steps: 3, RecordValidationCurve: true);

        var alone = Batched.Run([Tiny(1)])[0];
        var inBatch = Batched.Run([Tiny(2), Tiny(1), Tiny(3)])[1];

        AssertIdentical(alone, inBatch);
    }

    private static void AssertIdentical(EpisodeResult alone, EpisodeResult inBatch)
    {
        Assert.Equal(EpisodeOutcome.Completed, alone.Outcome);
        SameResult.Assert(alone, inBatch, "the member in a batch");
    }
}

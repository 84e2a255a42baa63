using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>
/// Every product of a group is one batched product, so a member's last bits may depend on its
/// group; the population leases fixed groups instead, and resumed and clustered runs stay
/// bit-identical because a group's results are a deterministic function of the group: the same
/// specs in the same order give the same bits, run again or on another thread at the same time.
/// </summary>
public class GroupDeterminismSpecs
{
    private static readonly BatchedEpisodeRunner Runner = new(TestData.Catalog);

    private static LossSpec.MetaLoss Mln(ulong seed) => new(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(seed));

    private static EpisodeSpec Spec(ulong seed) =>
        new(DatasetName.FashionMnistTrain, Mln(seed), TaskSeed: seed, InitSeed: seed + 1000, RecordValidationCurve: true);

    /// <summary>Different phis, tasks and learning rates, and a member whose loss goes NaN.</summary>
    private static EpisodeSpec[] Group()
    {
        var broken = MlnArchitecture.Default.RandomParameters(6);
        broken[^1] = float.NaN;
        return [Spec(1), Spec(2) with { LearningRate = 0.1 }, Spec(3) with { Loss = new LossSpec.MetaLoss(MlnArchitecture.Default, broken) }, Spec(4)];
    }

    [Fact]
    public void Should_give_the_same_bits_for_the_same_group_run_twice()
    {
        var first = Runner.RunGroup(Group());
        var second = Runner.RunGroup(Group());

        Assert.Equal(EpisodeOutcome.NonFiniteLoss, first[2].Outcome);
        AssertIdentical(first, second);
    }

    [Fact]
    public void Should_give_the_same_bits_for_the_same_group_on_two_threads_at_once()
    {
        var serial = Runner.RunGroup(Group());

        var results = new EpisodeResult[2][];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, t => results[t] = new BatchedEpisodeRunner(TestData.Catalog).RunGroup(Group()));

        AssertIdentical(serial, results[0]);
        AssertIdentical(serial, results[1]);
    }

    [Theory]
    [InlineData("ce")]
    [InlineData("mse")]
    [InlineData("mln")]
    public void Should_give_the_same_bits_for_the_same_group_at_tiny_sizes(string loss)
    {
        // The sizes the end-to-end tests evolve with: libtorch picks other kernels for small products.
        LossSpec spec = loss switch { "ce" => new LossSpec.CrossEntropy(), "mse" => new LossSpec.MeanSquaredError(), _ => Mln(3) };
        EpisodeSpec Tiny(ulong seed) => new(DatasetName.FashionMnistTrain, spec, TaskSeed: seed, InitSeed: seed + 7, PerClassTrain: 2,
            ValidationSize: 60, FirstHidden: 16, SecondHidden: 16, Steps: 3, RecordValidationCurve: true);
        EpisodeSpec[] group = [Tiny(2), Tiny(1), Tiny(3)];

        AssertIdentical(Runner.RunGroup(group), Runner.RunGroup(group));
    }

    [Fact]
    public void Should_run_mixed_specs_as_one_group_per_batch_key_in_the_order_given()
    {
        EpisodeSpec[] mixed =
        [
            Spec(8), Spec(9) with { Loss = new LossSpec.CrossEntropy() }, Spec(10), Spec(11) with { Loss = new LossSpec.CrossEntropy() },
        ];

        var results = Runner.Run(mixed);
        var mlnGroup = Runner.RunGroup([mixed[0], mixed[2]]);
        var ceGroup = Runner.RunGroup([mixed[1], mixed[3]]);

        AssertIdentical([mlnGroup[0], ceGroup[0], mlnGroup[1], ceGroup[1]], results);
    }

    [Fact]
    public void Should_refuse_a_group_whose_episodes_do_not_share_a_batch_key()
    {
        var error = Assert.Throws<ArgumentException>(() => Runner.RunGroup([Spec(1), Spec(2) with { Steps = 5 }]));

        Assert.Contains("one batch key", error.Message);
    }

    [Fact]
    public void Should_refuse_an_empty_group()
    {
        Assert.Throws<ArgumentException>(() => Runner.RunGroup([]));
    }

    private static void AssertIdentical(IReadOnlyList<EpisodeResult> expected, IReadOnlyList<EpisodeResult> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var p = 0; p < expected.Count; p++) SameResult.Assert(expected[p], actual[p], $"member {p}");
    }
}

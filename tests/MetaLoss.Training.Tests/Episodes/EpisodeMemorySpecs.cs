using System.Diagnostics;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>Runs alone: it reads the whole process's resident memory, which parallel tests would move.</summary>
[CollectionDefinition(nameof(EpisodeMemorySpecs), DisableParallelization = true)]
[Collection(nameof(EpisodeMemorySpecs))]
public class EpisodeMemorySpecs
{
    [Fact]
    public void Should_not_grow_memory_over_10000_episodes()
    {
        var runner = new EpisodeRunner(TestData.Catalog);
        var phi = MlnArchitecture.Default.RandomParameters(3);
        // Small episodes so 10,000 of them run in seconds; every tensor kind of a real one is made.
        EpisodeSpec Spec(int i) => new(
            DatasetName.FashionMnistTest,
            i % 2 == 0 ? new LossSpec.MetaLoss(MlnArchitecture.Default, phi) : new LossSpec.CrossEntropy(),
            TaskSeed: (ulong)i, InitSeed: (ulong)i, PerClassTrain: 1, ValidationSize: 20,
            FirstHidden: 16, SecondHidden: 16, Steps: 2, RecordValidationCurve: true);

        for (var i = 0; i < 1000; i++) runner.Run(Spec(i));
        var afterWarmUp = ResidentBytes();
        for (var i = 1000; i < 10_000; i++) runner.Run(Spec(i));
        var afterAll = ResidentBytes();

        // A leak of one 784x16 weight per episode would add ~45 MB over 9,000 episodes.
        var grownMb = (afterAll - afterWarmUp) / 1e6;
        Assert.True(grownMb < 20, $"resident memory grew by {grownMb:F1} MB over 9,000 episodes");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}

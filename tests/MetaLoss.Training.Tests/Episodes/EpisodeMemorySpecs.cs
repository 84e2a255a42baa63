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
        var runner = new BatchedEpisodeRunner(TestData.Catalog);
        var phi = MlnArchitecture.Default.RandomParameters(3);
        // Small episodes so 10,000 of them run in seconds; every tensor kind of a real one is made.
        // Groups of two sharing a task and groups of one, each with an MLN or with cross-entropy.
        EpisodeSpec Spec(int i) => new(
            DatasetName.FashionMnistTest,
            i % 4 < 2 ? new LossSpec.MetaLoss(MlnArchitecture.Default, phi) : new LossSpec.CrossEntropy(),
            TaskSeed: (ulong)(i / 2), InitSeed: (ulong)i, PerClassTrain: 1, ValidationSize: 20,
            FirstHidden: 16, SecondHidden: 16, Steps: 2, RecordValidationCurve: true);
        void Run(int from, int to)
        {
            for (var i = from; i < to; i += 2)
            {
                if (i % 8 < 4) runner.RunGroup([Spec(i), Spec(i + 1)]);
                else
                {
                    runner.RunGroup([Spec(i)]);
                    runner.RunGroup([Spec(i + 1)]);
                }
            }
        }

        Run(0, 1000);
        var afterWarmUp = ResidentBytes();
        Run(1000, 5500);
        var afterHalf = ResidentBytes();
        Run(5500, 10_000);
        var afterAll = ResidentBytes();

        // A leak grows with every episode: one 784x16 weight per episode adds ~22 MB in each half of
        // the 9,000. The allocator's own growth comes in steps, once (seen up to 23.5 MB over the
        // whole run), so the second half, after it settled, is what tells a leak.
        var firstHalfMb = (afterHalf - afterWarmUp) / 1e6;
        var secondHalfMb = (afterAll - afterHalf) / 1e6;
        Assert.True(secondHalfMb < 10, $"resident memory grew by {firstHalfMb:F1} MB, then by {secondHalfMb:F1} MB, over two halves of 4,500 episodes");
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

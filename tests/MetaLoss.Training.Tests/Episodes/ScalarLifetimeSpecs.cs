using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>
/// TorchSharp 0.107 frees a Scalar's native value in its finalizer, so a temporary Scalar can be
/// freed by a collection on another thread while libtorch still reads it ("Unknown scalar type").
/// Episodes must survive collections forced as often as possible, and give the same results. The
/// race is timing-dependent: with temporaries back in the episode path, most runs of this test
/// fail with a native error; without them, none can.
/// </summary>
public class ScalarLifetimeSpecs
{
    [Fact]
    public void Should_run_episodes_on_parallel_threads_unharmed_by_constant_garbage_collections()
    {
        var runner = new EpisodeRunner(TestData.Catalog);
        var mln = new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(8));
        LossSpec[] losses = [new LossSpec.CrossEntropy(), new LossSpec.MeanSquaredError(), mln];
        var specs = Enumerable.Range(0, 240).Select(i => new EpisodeSpec(DatasetName.FashionMnistTrain, losses[i % 3],
            TaskSeed: (ulong)(i / 3), InitSeed: 7, PerClassTrain: 1, ValidationSize: 10, FirstHidden: 4, SecondHidden: 4, Steps: 25)).ToList();
        var expected = specs.Select(runner.Run).ToList();

        var results = WithConstantCollections(() => ParallelEpisodes.Run(runner, specs, threads: 2));

        for (var i = 0; i < specs.Count; i++)
            Assert.Equal(expected[i].TrainLoss, results[i].TrainLoss);
    }

    [Fact]
    public void Should_run_batches_on_parallel_threads_unharmed_by_constant_garbage_collections()
    {
        // Evaluators run batches on their slot threads. Two learning rates per batch, so both the
        // whole-batch step and the per-group step (index_add_) run with their alpha scalars.
        var runner = new BatchedEpisodeRunner(TestData.Catalog);
        var mln = new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(8));
        LossSpec[] losses = [new LossSpec.CrossEntropy(), new LossSpec.MeanSquaredError(), mln];
        var batches = Enumerable.Range(0, 60).Select(b => Enumerable.Range(0, 4).Select(i => new EpisodeSpec(DatasetName.FashionMnistTrain,
            losses[b % 3], TaskSeed: (ulong)(b * 4 + i), InitSeed: 7, PerClassTrain: 1, ValidationSize: 10, FirstHidden: 4, SecondHidden: 4,
            Steps: 25, LearningRate: i % 2 == 0 ? 0.1 : 0.2)).ToList()).ToList();
        var expected = batches.Select(runner.Run).ToList();

        var results = WithConstantCollections(() =>
        {
            var ran = new EpisodeResult[batches.Count][];
            Parallel.For(0, batches.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, b => ran[b] = runner.Run(batches[b]));
            return ran;
        });

        for (var b = 0; b < batches.Count; b++)
        {
            for (var i = 0; i < batches[b].Count; i++)
                Assert.Equal(expected[b][i].TrainLoss, results[b][i].TrainLoss);
        }
    }

    private static T WithConstantCollections<T>(Func<T> work)
    {
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            return work();
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }
}

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
        EpisodeResult[] results;
        try
        {
            results = ParallelEpisodes.Run(runner, specs, threads: 2);
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }

        for (var i = 0; i < specs.Count; i++)
            Assert.Equal(expected[i].TrainLoss, results[i].TrainLoss);
    }
}

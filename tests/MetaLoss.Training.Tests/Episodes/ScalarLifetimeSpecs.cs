using MetaLoss.Training.Baselines;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using MetaLoss.Training.Probes;
using MetaLoss.Training.Tests.Baselines;
using MetaLoss.Training.WarmStart;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>
/// TorchSharp 0.107 frees a Scalar's native value in its finalizer, so a temporary Scalar can be
/// freed by a collection on another thread while libtorch still reads it ("Unknown scalar type").
/// Every path that calls libtorch (episodes lone and batched, the warm start, the gradient probe,
/// paired suites and baseline tuning) must survive collections forced as often as possible, and give
/// the same results. The race is timing-dependent: with temporaries back in a path, most runs of its
/// test fail with a native error; without them, none can.
/// </summary>
public class ScalarLifetimeSpecs
{
    /// <summary>The losses that hold Scalars of their own parameters.</summary>
    private static readonly LossSpec[] ParametricLosses = [new LossSpec.LabelSmoothing(0.1), new LossSpec.PolyOne(1), new LossSpec.Focal(0.5)];

    [Fact]
    public void Should_run_episodes_on_parallel_threads_unharmed_by_constant_garbage_collections()
    {
        var runner = new EpisodeRunner(TestData.Catalog);
        var mln = new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(8));
        LossSpec[] losses = [new LossSpec.CrossEntropy(), new LossSpec.MeanSquaredError(), mln, .. ParametricLosses];
        var specs = Enumerable.Range(0, 240).Select(i => new EpisodeSpec(DatasetName.FashionMnistTrain, losses[i % losses.Length],
            TaskSeed: (ulong)(i / 3), InitSeed: 7, PerClassTrain: 1, ValidationSize: 10, FirstHidden: 4, SecondHidden: 4, Steps: 25)).ToList();
        var expected = specs.Select(runner.Run).ToList();

        var results = WithConstantCollections(() => ParallelEpisodes.Run(runner.Run, specs, threads: 2));

        for (var i = 0; i < specs.Count; i++)
            Assert.Equal(expected[i].TrainLoss, results[i].TrainLoss);
    }

    [Fact]
    public void Should_run_batches_on_parallel_threads_unharmed_by_constant_garbage_collections()
    {
        // Evaluators run batches on their slot threads; two learning rates per batch.
        var runner = new BatchedEpisodeRunner(TestData.Catalog);
        var mln = new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(8));
        LossSpec[] losses = [new LossSpec.CrossEntropy(), new LossSpec.MeanSquaredError(), mln, .. ParametricLosses];
        var batches = Enumerable.Range(0, 60).Select(b => Enumerable.Range(0, 4).Select(i => new EpisodeSpec(DatasetName.FashionMnistTrain,
            losses[b % losses.Length], TaskSeed: (ulong)(b * 4 + i), InitSeed: 7, PerClassTrain: 1, ValidationSize: 10, FirstHidden: 4, SecondHidden: 4,
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

    [Fact]
    public void Should_fit_and_measure_warm_starts_on_parallel_threads_unharmed_by_constant_garbage_collections()
    {
        // Fit (its Adam steps and batch sampling), Measure and MatchGradientNorm, for both references.
        // Tiny batches: every step passes libtorch about a hundred scalars, each a chance for the race.
        var settings = WarmStartSettings.Default with { Steps = 60, BatchSize = 8, ClassCounts = [3, 5], HeldOutBatches = 2 };
        LossSpec[] references = [new LossSpec.CrossEntropy(), new LossSpec.MeanSquaredError()];
        var jobs = Enumerable.Range(0, 4).Select(i => (Reference: references[i % 2], Seed: (ulong)(i / 2))).ToList();
        float[][] Run((LossSpec Reference, ulong Seed) job)
        {
            var fit = MlnWarmStart.Fit(MlnArchitecture.Default, job.Reference, settings, job.Seed);
            var random = MlnArchitecture.Default.RandomParameters(job.Seed);
            return [fit.Phi, [(float)fit.GradientCosine, (float)fit.NormRatio],
                MlnWarmStart.MatchGradientNorm(MlnArchitecture.Default, random, job.Reference, settings, job.Seed)];
        }
        var expected = jobs.Select(Run).ToList();

        var results = WithConstantCollections(() => OnTwoThreads(jobs, Run));

        for (var i = 0; i < jobs.Count; i++)
            Assert.Equal(expected[i], results[i]);
    }

    [Fact]
    public void Should_probe_gradients_on_parallel_threads_unharmed_by_constant_garbage_collections()
    {
        var probe = new GradientProbe(TestData.Catalog);
        var mln = new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(9));
        LossSpec[] losses = [new LossSpec.CrossEntropy(), new LossSpec.MeanSquaredError(), mln];
        var specs = Enumerable.Range(0, 60).Select(i => new EpisodeSpec(DatasetName.FashionMnistTrain, losses[i % 3],
            TaskSeed: (ulong)(i / 3), InitSeed: 11, PerClassTrain: 1, ValidationSize: 10, FirstHidden: 4, SecondHidden: 4, Steps: 25)).ToList();
        var expected = specs.Select(probe.Run).ToList();

        var results = WithConstantCollections(() => ParallelEpisodes.Run(probe.Run, specs, threads: 2));

        for (var i = 0; i < specs.Count; i++)
        {
            Assert.Equal(expected[i].TrainLoss, results[i].TrainLoss);
            Assert.Equal(expected[i].Cosine, results[i].Cosine);
        }
    }

    [Fact]
    public void Should_score_paired_suites_and_tune_baselines_unharmed_by_constant_garbage_collections()
    {
        // The evaluation paths: validation curves, schedules, class subsets, and the baseline grid.
        var runner = new BatchedEpisodeRunner(TestData.Catalog);
        var template = new EpisodeSpec(DatasetName.FashionMnistTrain, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0,
            PerClassTrain: 1, ValidationSize: 10, FirstHidden: 4, SecondHidden: 4, Steps: 25, Classes: [1, 4, 7], RecordValidationCurve: true);
        LossSetting[] settings =
        [
            new(new LossSpec.CrossEntropy(), 0.2, new LearningRateSchedule(LearningRateDecay.Cosine, 0.25)),
            new(new LossSpec.MeanSquaredError(), 0.5),
            new(new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(10)), 0.3,
                new LearningRateSchedule(LearningRateDecay.Linear, 0.1)),
        ];
        var seeds = Enumerable.Range(0, 30).Select(i => SeedDerivation.ForTestEpisode(12, i)).ToList();
        var grid = SmallGrids.EveryFamily;
        var tuner = new BaselineTuner(TestData.Catalog);
        var expectedSuite = PairedSuite.Run(runner, template, settings, seeds, threads: 1);
        var expectedTuning = tuner.Tune(template, grid, episodes: 6, suiteSeed: 13, threads: 1);

        var (suite, tuning) = WithConstantCollections(() =>
            (PairedSuite.Run(runner, template, settings, seeds, threads: 2), tuner.Tune(template, grid, episodes: 6, suiteSeed: 13, threads: 2)));

        for (var s = 0; s < settings.Length; s++)
        {
            for (var e = 0; e < seeds.Count; e++)
                Assert.Equal(expectedSuite[s][e].ValidationAccuracy, suite[s][e].ValidationAccuracy);
        }
        Assert.Equal(expectedTuning.Grid.Select(r => r.Accuracy.Mean), tuning.Grid.Select(r => r.Accuracy.Mean));
    }

    private static TResult[] OnTwoThreads<TJob, TResult>(IReadOnlyList<TJob> jobs, Func<TJob, TResult> run)
    {
        var results = new TResult[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => results[i] = run(jobs[i]));
        return results;
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

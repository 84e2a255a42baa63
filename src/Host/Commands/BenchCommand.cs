using System.CommandLine;
using System.Diagnostics;
using MetaLoss.Host.Bench;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Options;
using MetaLoss.Training;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using static TorchSharp.torch;

namespace MetaLoss.Host.Commands;

/// <summary>
/// `metaloss bench`: throughput of the default episode one at a time and batched, the arithmetic
/// rate it reaches against a plain large torch.mm measured in the same run, the actor system's
/// overhead per episode, and resident memory over a long batched loop.
/// </summary>
public static class BenchCommand
{
    private const int CeilingSize = 2048;

    // A generation as `evolve` runs it by default: 10 parents (20 candidates) x 3 paired episodes.
    private const int EvolveParents = 10;
    private const int EvolveEpisodesPerCandidate = 3;

    public static Command Create()
    {
        var data = new DataOptions();
        var loneEpisodes = EpisodeOptions.Positive("--lone-episodes", 8, "episodes run one at a time (and per thread in parallel)");
        var batchedEpisodes = EpisodeOptions.Positive("--batched-episodes", 64, "episodes per batch size (at least one batch)");
        var sizes = new Option<string>("--sizes") { Description = "comma-separated batch sizes P", DefaultValueFactory = _ => "1,8,32,128" };
        var rounds = EpisodeOptions.Positive("--rounds", 3, "times every measurement is repeated; the fastest counts");
        var batchedThreads = EpisodeOptions.Positive("--batched-threads", Environment.ProcessorCount, "torch intra-op threads for one batch and for the torch.mm ceiling");
        var memoryEpisodes = new Option<int>("--memory-episodes") { Description = "episodes of the memory loop (0 skips it)", DefaultValueFactory = _ => 10_000 };
        var memoryBatch = EpisodeOptions.Positive("--memory-batch", 32, "batch size P of the memory loop");
        var overheadGenerations = new Option<int>("--overhead-generations") { Description = "generations of the actor-overhead run (0 skips it)", DefaultValueFactory = _ => 5 };
        var batchSize = EpisodeOptions.Positive("--batch-size", DefaultBatchSize(), "evaluator batch size of the actor-overhead run (default: metaloss.batch-size)");
        var slots = EpisodeOptions.Positive("--slots", Environment.ProcessorCount, "evaluator slots (CPU threads) of the actor-overhead run");

        var command = new Command("bench", "Episodes per second one at a time and batched, GFLOP/s against torch.mm, actor-system overhead, memory over a long run");
        data.AddTo(command);
        foreach (var option in new Option[] { loneEpisodes, batchedEpisodes, sizes, rounds, batchedThreads, memoryEpisodes, memoryBatch, overheadGenerations, batchSize, slots })
            command.Options.Add(option);

        command.SetAction(result =>
        {
            var settings = new BenchSettings(
                result.GetValue(loneEpisodes), result.GetValue(batchedEpisodes), ParseSizes(result.GetValue(sizes)!),
                result.GetValue(rounds), result.GetValue(batchedThreads), result.GetValue(memoryEpisodes), result.GetValue(memoryBatch));
            if (settings.MemoryEpisodes < 0) throw new ArgumentException("--memory-episodes must not be negative");
            var overhead = new ActorOverheadBench.Settings(result.GetValue(overheadGenerations), EvolveParents, EvolveEpisodesPerCandidate,
                result.GetValue(batchSize), result.GetValue(slots), settings.Rounds);
            if (overhead.Generations < 0) throw new ArgumentException("--overhead-generations must not be negative");
            using var catalog = new DatasetCatalog(data.Read(result));
            Run(catalog, settings);
            LaunchBoundProxy.Run(catalog, settings.Rounds, settings.BatchedThreads);
            if (overhead.Generations > 0) ActorOverheadBench.Run(catalog, overhead);
            if (settings.MemoryEpisodes > 0) MemoryLoop(new BatchedEpisodeRunner(catalog), settings);
            return 0;
        });
        return command;
    }

    private sealed record BenchSettings(
        int LoneEpisodes, int BatchedEpisodes, IReadOnlyList<int> Sizes, int Rounds, int BatchedThreads, int MemoryEpisodes, int MemoryBatch);

    /// <summary>One row of the table: how many torch threads each running thread gets, and the work.</summary>
    private sealed record Mode(string Name, string Threads, string P, int TorchThreads, int Episodes, Action Work);

    private static void Run(DatasetCatalog catalog, BenchSettings settings)
    {
        var cores = Environment.ProcessorCount;
        var lone = new EpisodeRunner(catalog);
        var batched = new BatchedEpisodeRunner(catalog);
        var data = catalog.Get(DatasetName.FashionMnistTrain);
        var perEpisode = EpisodeFlops(Spec(0), data.FeatureCount, data.ClassCount);
        var modes = Modes(settings, lone, batched, cores);

        // Loads the data and JIT-compiles both paths before anything is timed.
        lone.Run(Spec(0));
        batched.Run(Specs(0, 8));

        Console.WriteLine($"default episode: {DatasetNames.Format(DatasetName.FashionMnistTrain)}, {data.ClassCount} classes x {EpisodeDefaults.PerClassTrain} " +
                          $"training rows, {EpisodeDefaults.ValidationSize} validation rows, MLP {data.FeatureCount}-{EpisodeDefaults.FirstHidden}-" +
                          $"{EpisodeDefaults.SecondHidden}-{data.ClassCount}, {EpisodeDefaults.Steps} steps, MLN loss (its own random phi per episode)");
        Console.WriteLine($"arithmetic per episode: {perEpisode / 1e9:F3} GFLOP (classifier matmuls: training forward+backward, final validation forward)");
        Console.WriteLine($"{cores} cores; load average before: {LoadAverage.Now()}; fastest of {settings.Rounds} rounds");

        var best = modes.ToDictionary(m => m, _ => double.PositiveInfinity);
        var ceiling = 0.0;
        for (var round = 0; round < settings.Rounds; round++)
        {
            // Modes run in list order: every one-thread mode first, so that thread-pool threads,
            // which size their torch pool from the global setting on first use, only ever get 1.
            foreach (var mode in modes)
            {
                TorchThreads.Configure(mode.TorchThreads);
                best[mode] = Math.Min(best[mode], Time(mode.Work));
            }
            TorchThreads.Configure(settings.BatchedThreads);
            ceiling = Math.Max(ceiling, MatmulCeiling());
        }

        Console.WriteLine($"ceiling: torch.mm {CeilingSize}x{CeilingSize} float32 on {settings.BatchedThreads} threads = {ceiling:F1} GFLOP/s");
        Console.WriteLine();
        Console.WriteLine("mode                 threads  P     episodes  seconds  episodes/s  GFLOP/s  of ceiling  vs one at a time");
        var loneRate = modes[0].Episodes / best[modes[0]];
        foreach (var mode in modes)
        {
            var rate = mode.Episodes / best[mode];
            var gflops = rate * perEpisode / 1e9;
            Console.WriteLine($"{mode.Name,-20} {mode.Threads,-8} {mode.P,-5} {mode.Episodes,8}  {best[mode],7:F2}  {rate,10:F2}  " +
                              $"{gflops,7:F1}  {gflops / ceiling,10:P0}  {rate / loneRate,15:F2}x");
        }
        Console.WriteLine($"load average after: {LoadAverage.Now()}");
    }

    private static List<Mode> Modes(BenchSettings settings, EpisodeRunner lone, BatchedEpisodeRunner batched, int cores)
    {
        var loneCount = settings.LoneEpisodes;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = cores };
        var modes = new List<Mode>
        {
            new("one at a time", "1", "-", 1, loneCount, () => { for (var i = 0; i < loneCount; i++) lone.Run(Spec(i)); }),
            new("ParallelEpisodes", $"{cores}x1", "-", 1, loneCount * cores, () => ParallelEpisodes.Run(lone.Run, Specs(0, loneCount * cores), cores)),
        };
        // The alternative to intra-op threads: one batch per core, each on one thread.
        foreach (var p in settings.Sizes)
        {
            var batches = Math.Max(cores, Batches(settings.BatchedEpisodes, p));
            modes.Add(new("batches in parallel", $"{cores}x1", $"{p}", 1, batches * p,
                () => Parallel.For(0, batches, parallel, b => batched.Run(Specs(b * p, p)))));
        }
        // One batch is one stream of large ops, so it gets the intra-op threads (all cores by default).
        foreach (var p in settings.Sizes)
        {
            var batches = Batches(settings.BatchedEpisodes, p);
            modes.Add(new("batched", $"{settings.BatchedThreads}", $"{p}", settings.BatchedThreads, batches * p,
                () => { for (var b = 0; b < batches; b++) batched.Run(Specs(b * p, p)); }));
        }
        return modes;
    }

    /// <summary>
    /// Resident memory over a long batched loop, measured after its first tenth (the allocator and
    /// the larger batches measured before have settled by then) and at its end: a leak shows as growth.
    /// </summary>
    private static void MemoryLoop(BatchedEpisodeRunner batched, BenchSettings settings)
    {
        TorchThreads.Configure(settings.BatchedThreads);
        var (count, p) = (settings.MemoryEpisodes, settings.MemoryBatch);
        var settled = Math.Max(p, count / 10 / p * p);
        double? afterSettling = null;
        var seconds = Time(() =>
        {
            for (var start = 0; start < count; start += p)
            {
                if (start >= settled) afterSettling ??= ResidentMegabytes();
                batched.Run(Specs(start, Math.Min(p, count - start)));
            }
        });
        var atEnd = ResidentMegabytes();
        var baseline = afterSettling ?? atEnd;
        Console.WriteLine();
        Console.WriteLine($"memory: {count:N0} episodes batched at P={p} on {settings.BatchedThreads} threads in {seconds:F0} s " +
                          $"({count / seconds:F2} episodes/s); resident {baseline:F0} MB after the first {Math.Min(settled, count):N0}, " +
                          $"{atEnd:F0} MB after all ({atEnd - baseline:+0;-0} MB)");
    }

    /// <summary>The default episode with its own task, classifier and random MLN, like a fresh candidate's.</summary>
    private static EpisodeSpec Spec(int index)
    {
        var seeds = SeedDerivation.ForEpisode(runSeed: 2026, generation: 0, candidate: index, episodeIndex: 0);
        var phi = MlnArchitecture.Default.RandomParameters((ulong)index);
        return new EpisodeSpec(DatasetName.FashionMnistTrain, new LossSpec.MetaLoss(MlnArchitecture.Default, phi), seeds.TaskSeed, seeds.InitSeed);
    }

    private static List<EpisodeSpec> Specs(int first, int count) => Enumerable.Range(first, count).Select(Spec).ToList();

    private static int Batches(int episodes, int p) => Math.Max(1, (episodes + p - 1) / p);

    /// <summary>
    /// Floating-point operations of one episode's classifier matrix products (a [m, k] x [k, n]
    /// product is 2mkn; the MLN, softmax and elementwise ops are left out as small). With layers
    /// (in_l, out_l), S = sum_l in_l * out_l, S' = the same sum without the first layer, B
    /// training rows and N validation rows:
    ///   steps * (2 B S forward + 2 B S weight gradients + 2 B S' input gradients) + 2 N S validation,
    /// the first layer needing no input gradient (the pixels are not trained).
    /// </summary>
    private static double EpisodeFlops(EpisodeSpec spec, int features, int classes)
    {
        var shape = new ClassifierShape(features, spec.FirstHidden, spec.SecondHidden, classes);
        double all = shape.Layers.Sum(l => (double)l.In * l.Out);
        var withoutFirst = all - (double)features * spec.FirstHidden;
        double trainRows = spec.PerClassTrain * classes;
        return spec.Steps * (2 * trainRows * all + 2 * trainRows * all + 2 * trainRows * withoutFirst)
               + 2.0 * spec.ValidationSize * all;
    }

    /// <summary>GFLOP/s of a plain square float32 torch.mm on the current threads: the practical ceiling.</summary>
    private static double MatmulCeiling()
    {
        using var scope = NewDisposeScope();
        var a = rand(CeilingSize, CeilingSize);
        var b = rand(CeilingSize, CeilingSize);
        a.mm(b).Dispose();
        const int reps = 10;
        var seconds = Time(() => { for (var i = 0; i < reps; i++) a.mm(b).Dispose(); });
        return 2.0 * CeilingSize * CeilingSize * CeilingSize * reps / seconds / 1e9;
    }

    private static IReadOnlyList<int> ParseSizes(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out var p) && p is > 0 and <= EvaluationConfig.MaxBatchSize
                ? p
                : throw new ArgumentException($"--sizes: '{s}' is not a whole number from 1 to {EvaluationConfig.MaxBatchSize}"))
            .ToList();

    private static double Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static int DefaultBatchSize() => EvaluationConfig.Read(AkkaConfiguration.BaseConfig(Akka.Configuration.Config.Empty)).BatchSize;

    private static double ResidentMegabytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1e6;
    }
}

using System.CommandLine;
using System.Diagnostics;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Bench;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Options;
using MetaLoss.Training;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Memory;
using MetaLoss.Training.Mkl;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Commands;

/// <summary>
/// `metaloss bench`: throughput of the default episode one at a time and batched, the arithmetic
/// rate it reaches against a plain large torch.mm measured in the same run (the floor: its matrix
/// products alone at that rate), the actor system's overhead per episode, and resident memory over
/// a long batched loop; by default the ceiling and throughput also with MKL's fast path off.
/// </summary>
public static class BenchCommand
{
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
        var batchSize = EpisodeOptions.Positive("--batch-size", RunSettings.DefaultBatchSize, "batch size (episodes computed together, as evolve --batch-size) of the actor-overhead run",
            RunSettings.MaxBatchSize);
        var slots = EpisodeOptions.Positive("--slots", Environment.ProcessorCount, "evaluator slots (CPU threads) of the actor-overhead run");
        var mkl = MklBenchModes.CreateOption();
        var ceilingSize = EpisodeOptions.Positive("--ceiling-size", MatmulCeiling.DefaultSize, "n of the torch.mm ceiling's n x n float32 product", MatmulCeiling.MaxSize);

        var command = new Command("bench", "Episodes per second one at a time and batched, GFLOP/s against torch.mm, actor-system overhead, memory over a long run");
        data.AddTo(command);
        foreach (var option in new Option[] { loneEpisodes, batchedEpisodes, sizes, rounds, batchedThreads, memoryEpisodes, memoryBatch, overheadGenerations, batchSize, slots, mkl, ceilingSize })
            command.Options.Add(option);

        command.SetAction(result =>
        {
            var settings = new BenchSettings(
                result.GetValue(loneEpisodes), result.GetValue(batchedEpisodes), ParseSizes(result.GetValue(sizes)!),
                result.GetValue(rounds), result.GetValue(batchedThreads), result.GetValue(memoryEpisodes), result.GetValue(memoryBatch),
                result.GetValue(ceilingSize));
            if (settings.MemoryEpisodes < 0) throw new ArgumentException("--memory-episodes must not be negative");
            var overhead = new ActorOverheadBench.Settings(result.GetValue(overheadGenerations), EvolveParents, EvolveEpisodesPerCandidate,
                result.GetValue(batchSize), result.GetValue(slots), settings.Rounds);
            if (overhead.Generations < 0) throw new ArgumentException("--overhead-generations must not be negative");
            if (ActorOverheadBench.BatchSizeRefusal(overhead) is { } tooLarge) throw new ArgumentException(tooLarge);
            var mklMode = MklBenchModes.Parse(result.GetValue(mkl));
            // The override cannot be unloaded: with it loaded here, "off" is the whole bench in a child.
            if (mklMode == MklBenchModes.Mode.Off && MklFastPath.Ensure().OverrideLoaded) return MklOffRun.Run(throughputOnly: false);
            using var catalog = new DatasetCatalog(data.Read(result));
            var ceiling = Run(catalog, settings);
            if (mklMode == MklBenchModes.Mode.Both && MklOffRun.Compare() is var code and not 0) return code;
            LaunchBoundProxy.Run(catalog, settings.Rounds, settings.BatchedThreads, ceiling);
            if (overhead.Generations > 0) ActorOverheadBench.Run(catalog, overhead, ceiling);
            if (settings.MemoryEpisodes > 0) MemoryLoop(new BatchedEpisodeRunner(catalog), settings);
            return 0;
        });
        return command;
    }

    private sealed record BenchSettings(
        int LoneEpisodes, int BatchedEpisodes, IReadOnlyList<int> Sizes, int Rounds, int BatchedThreads, int MemoryEpisodes, int MemoryBatch,
        int CeilingSize);

    /// <summary>One row of the table: how many torch threads each running thread gets, the cores it occupies, and the work.</summary>
    private sealed record Mode(string Name, string Threads, string P, int TorchThreads, int Cores, int Episodes, Action Work)
    {
        /// <summary>Set for modes whose episodes share work (paired groups); otherwise the lone episode's.</summary>
        public EpisodeFlops? Flops { get; init; }
    }

    /// <summary>Prints the throughput table and returns the torch.mm ceiling it measured.</summary>
    private static MatmulCeiling Run(DatasetCatalog catalog, BenchSettings settings)
    {
        var cores = Environment.ProcessorCount;
        var lone = new EpisodeRunner(catalog);
        var batched = new BatchedEpisodeRunner(catalog);
        var data = catalog.Get(DatasetName.FashionMnistTrain);
        var flops = EpisodeFlops.Of(Spec(0), data.FeatureCount, data.ClassCount);
        var paired = EpisodeFlops.OfPairedGroup(Spec(0), data.FeatureCount, data.ClassCount, RunSettings.DefaultBatchSize);
        var modes = Modes(settings, lone, batched, cores, paired);
        var ceiling = new MatmulCeiling(settings.CeilingSize, modes.Select(m => m.Cores).Append(settings.BatchedThreads));

        // Loads the data and JIT-compiles both paths before anything is timed.
        lone.Run(Spec(0));
        batched.Run(Specs(0, 8));

        Console.WriteLine(MklReport.Describe());
        Console.WriteLine($"heap: {HeapTuning.Ensure().Describe()}");
        Console.WriteLine($"default episode: {DatasetNames.Format(DatasetName.FashionMnistTrain)}, {data.ClassCount} classes x {EpisodeDefaults.PerClassTrain} " +
                          $"training rows, {EpisodeDefaults.ValidationSize} validation rows, MLP {data.FeatureCount}-{EpisodeDefaults.FirstHidden}-" +
                          $"{EpisodeDefaults.SecondHidden}-{data.ClassCount}, {EpisodeDefaults.Steps} steps, MLN loss (its own random phi per episode)");
        Console.WriteLine($"arithmetic per episode: {flops.Total / 1e9:F3} GFLOP in matrix products (classifier {flops.Classifier / 1e9:F3}: training " +
                          $"forward+backward, final validation forward; MLN loss {flops.Loss / 1e9:F4}); in a paired group of " +
                          $"{RunSettings.DefaultBatchSize} (one task and classifier start, as evolve plans its episodes) {paired.Total / 1e9:F3} a member");
        Console.WriteLine($"{cores} cores; load average before: {LoadAverage.Now()}; fastest of {settings.Rounds} rounds");

        var best = modes.ToDictionary(m => m, _ => double.PositiveInfinity);
        for (var round = 0; round < settings.Rounds; round++)
        {
            // Modes run in list order: every one-thread mode first, so that thread-pool threads,
            // which size their torch pool from the global setting on first use, only ever get 1.
            foreach (var mode in modes)
            {
                TorchThreads.Configure(mode.TorchThreads);
                best[mode] = Math.Min(best[mode], Time(mode.Work));
            }
            ceiling.MeasureRound();
        }

        Console.WriteLine($"ceiling: {ceiling.Describe()}");
        Console.WriteLine("floor (the episode's matrix products alone at the ceiling): " +
                          string.Join(", ", ceiling.Best.Select(c => $"{1000 / flops.FloorRate(c.Value):F1} ms on {MatmulCeiling.Threads(c.Key)} ({flops.FloorRate(c.Value):F1} episodes/s)")));
        Console.WriteLine();
        Console.WriteLine("mode                 threads  P     episodes  seconds  episodes/s  GFLOP/s  of floor  vs one at a time");
        var loneRate = modes[0].Episodes / best[modes[0]];
        var aboveFloor = false;
        foreach (var mode in modes)
        {
            var rate = mode.Episodes / best[mode];
            var modeFlops = mode.Flops ?? flops;
            var gflops = rate * modeFlops.Total / 1e9;
            var ofFloor = rate / modeFlops.FloorRate(ceiling.For(mode.Cores));
            aboveFloor |= ofFloor > 1;
            Console.WriteLine($"{mode.Name,-20} {mode.Threads,-8} {mode.P,-5} {mode.Episodes,8}  {best[mode],7:F2}  {rate,10:F2}  " +
                              $"{gflops,7:F1}  {ofFloor,8:P0}  {rate / loneRate,15:F2}x");
        }
        if (aboveFloor) Console.WriteLine("faster than the floor: the ceiling was measured low (other work on the cores?), so these fractions are not to be trusted");
        var profiled = Enumerable.Range(0, Batches(settings.BatchedEpisodes, RunSettings.DefaultBatchSize))
            .Select(g => (IReadOnlyList<EpisodeSpec>)PairedGroup(g, RunSettings.DefaultBatchSize)).ToList();
        EpisodeProfile.Run(catalog, profiled, settings.Rounds, paired, ceiling.For(1));
        Console.WriteLine($"load average after: {LoadAverage.Now()}");
        return ceiling;
    }

    private static List<Mode> Modes(BenchSettings settings, EpisodeRunner lone, BatchedEpisodeRunner batched, int cores, EpisodeFlops paired)
    {
        var loneCount = settings.LoneEpisodes;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = cores };
        var modes = new List<Mode>
        {
            new("one at a time", "1", "-", 1, 1, loneCount, () => { for (var i = 0; i < loneCount; i++) lone.Run(Spec(i)); }),
            new("ParallelEpisodes", $"{cores}x1", "-", 1, cores, loneCount * cores, () => ParallelEpisodes.Run(lone.Run, Specs(0, loneCount * cores), cores)),
        };
        // The alternative to intra-op threads: one batch per core, each on one thread.
        foreach (var p in settings.Sizes)
        {
            var batches = Math.Max(cores, Batches(settings.BatchedEpisodes, p));
            modes.Add(new("batches in parallel", $"{cores}x1", $"{p}", 1, cores, batches * p,
                () => Parallel.For(0, batches, parallel, b => batched.Run(Specs(b * p, p)))));
        }
        // As evolve runs its training episodes: groups of the default batch size, one task and one
        // classifier start a group, each member its own MLN.
        var pairedGroups = Math.Max(cores, Batches(settings.BatchedEpisodes, RunSettings.DefaultBatchSize));
        modes.Add(new("paired groups", $"{cores}x1", $"{RunSettings.DefaultBatchSize}", 1, cores, pairedGroups * RunSettings.DefaultBatchSize,
            () => Parallel.For(0, pairedGroups, parallel, g => batched.RunGroup(PairedGroup(g, RunSettings.DefaultBatchSize)))) { Flops = paired });
        // One batch is one stream of large ops, so it gets the intra-op threads (all cores by default).
        foreach (var p in settings.Sizes)
        {
            var batches = Batches(settings.BatchedEpisodes, p);
            modes.Add(new("batched", $"{settings.BatchedThreads}", $"{p}", settings.BatchedThreads, settings.BatchedThreads, batches * p,
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

    /// <summary>Group <paramref name="group"/> of a run with paired episodes: its members take the task and start of its first.</summary>
    private static List<EpisodeSpec> PairedGroup(int group, int members)
    {
        var first = Spec(group * members);
        return [.. Enumerable.Range(group * members, members).Select(i => Spec(i) with { TaskSeed = first.TaskSeed, InitSeed = first.InitSeed })];
    }

    private static int Batches(int episodes, int p) => Math.Max(1, (episodes + p - 1) / p);

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

    private static double ResidentMegabytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1e6;
    }
}

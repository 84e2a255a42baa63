using System.Diagnostics;
using MetaLoss.Training;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Bench;

/// <summary>
/// A proxy for hardware where each op's launch costs more than its arithmetic (a GPU): a tiny
/// episode (hidden 16, 2 rows per class, 60 validation rows, 3 steps, MLN loss) does almost no
/// arithmetic, so its time is its op count. A group runs every product as one batched op whatever
/// its size, so a group of 128 should cost little more than a group of one: at most 3x. Groups as
/// `evolve` makes them by default: paired episodes (one task and classifier start), each member
/// its own MLN. Measured on one torch thread, as an evaluator slot runs, and on the given threads.
/// The group's products (what its members share counted once) at the torch.mm ceiling are printed
/// beside the measured ratio: no group can be faster. On a CPU the rest of a large group's time is
/// the members' own element work (the MLN's loss above all), not launches.
/// </summary>
public static class LaunchBoundProxy
{
    private const int Large = 128;
    private const double Target = 3;

    public static void Run(DatasetCatalog catalog, int rounds, int threads, MatmulCeiling ceiling)
    {
        var runner = new BatchedEpisodeRunner(catalog);
        var data = catalog.Get(DatasetName.FashionMnistTrain);
        var largeFlops = EpisodeFlops.OfBatch(Group(Large), data.FeatureCount, data.ClassCount);
        Console.WriteLine();
        Console.WriteLine($"launch-bound proxy: tiny MLN episodes (hidden 16, 2 per class, 60 validation rows, 3 steps), one group of P; " +
                          $"fastest of {rounds} rounds; load average before: {LoadAverage.Now()}");
        foreach (var torchThreads in new[] { 1, threads }.Distinct())
        {
            TorchThreads.Configure(torchThreads);
            var one = Fastest(rounds, () => runner.RunGroup(Group(1)));
            var large = Fastest(rounds, () => runner.RunGroup(Group(Large)));
            var ratio = large / one;
            var floor = largeFlops / (ceiling.For(torchThreads) * 1e9);
            Console.WriteLine($"  {torchThreads} torch thread(s): P=1 {one * 1000,7:F2} ms, P={Large} {large * 1000,7:F2} ms: " +
                              $"{ratio:F2}x (target at most {Target:F0}x: {(ratio <= Target ? "met" : "NOT met")}), {Large / large:F0} episodes/s; " +
                              $"P={Large}'s products alone at the ceiling: {floor * 1000:F3} ms, so no group of {Large} can be under {floor / one:F3}x here");
        }
        PrintPhases(catalog, rounds);
        Console.WriteLine($"load average after: {LoadAverage.Now()}");
    }

    /// <summary>Where each group's time goes on one thread: the phases that grow with P are what a batch does per member.</summary>
    private static void PrintPhases(DatasetCatalog catalog, int rounds)
    {
        TorchThreads.Configure(1);
        var runs = Math.Max(rounds, 5);
        var clocks = new[] { 1, Large }.ToDictionary(p => p, p =>
        {
            var clock = new EpisodePhaseClock();
            var runner = new BatchedEpisodeRunner(catalog, clock: clock);
            Fastest(rounds, () => runner.RunGroup(Group(p)));
            clock.Reset();
            for (var round = 0; round < runs; round++) runner.RunGroup(Group(p));
            return clock;
        });
        Console.WriteLine($"  phases on 1 thread, ms a group (mean of {runs}):  P=1     P={Large}   ratio");
        foreach (var phase in Enum.GetValues<EpisodePhase>())
        {
            var one = clocks[1].SecondsIn(phase) / runs * 1000;
            var large = clocks[Large].SecondsIn(phase) / runs * 1000;
            Console.WriteLine($"    {phase,-15} {one,28:F3} {large,8:F3} {large / one,7:F1}x");
        }
    }

    private static List<EpisodeSpec> Group(int members)
    {
        var seeds = SeedDerivation.ForSharedEpisode(runSeed: 2026, generation: 0, episodeIndex: 0);
        return Enumerable.Range(0, members).Select(member => new EpisodeSpec(DatasetName.FashionMnistTrain,
            new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters((ulong)member)), seeds.TaskSeed, seeds.InitSeed,
            PerClassTrain: 2, ValidationSize: 60, FirstHidden: 16, SecondHidden: 16, Steps: 3)).ToList();
    }

    /// <summary>
    /// The fastest of the rounds, after untimed runs: the dataset, the allocator, and the JIT, whose
    /// optimised tier replaces a method only after some 30 calls and a pause in new compilations.
    /// </summary>
    private static double Fastest(int rounds, Action work)
    {
        var warmUp = Stopwatch.StartNew();
        for (var run = 0; run < 40 || warmUp.Elapsed < TimeSpan.FromSeconds(0.5); run++) work();
        var best = double.PositiveInfinity;
        for (var round = 0; round < Math.Max(rounds, 5); round++)
        {
            var stopwatch = Stopwatch.StartNew();
            work();
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
        }
        return best;
    }
}

using MetaLoss.Training;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Host.Bench;

/// <summary>
/// Where a paired group's time goes, phase by phase (<see cref="EpisodePhaseClock"/>), on one thread,
/// beside what its matrix products alone would take at the one-thread ceiling.
/// </summary>
public static class EpisodeProfile
{
    public static void Run(IDatasetSource data, IReadOnlyList<IReadOnlyList<EpisodeSpec>> groups, int rounds, EpisodeFlops flops, double gflops)
    {
        TorchThreads.Configure(1);
        new BatchedEpisodeRunner(data).RunGroup(groups[0]);
        var clock = new EpisodePhaseClock();
        var runner = new BatchedEpisodeRunner(data, clock: clock);
        for (var round = 0; round < rounds; round++)
            foreach (var group in groups)
                runner.RunGroup(group);

        var members = (double)rounds * groups.Sum(g => g.Count);
        var perMember = clock.TotalSeconds / members * 1000;
        Console.WriteLine($"profile: {rounds} x {groups.Count} paired groups of {groups[0].Count} on 1 thread, {perMember:F2} ms a member; " +
                          $"its products alone at the 1-thread ceiling: {flops.Total / (gflops * 1e9) * 1000:F2} ms");
        foreach (var phase in Enum.GetValues<EpisodePhase>())
        {
            var seconds = clock.SecondsIn(phase);
            Console.WriteLine($"  {phase,-15} {seconds / members * 1000,6:F2} ms a member  {seconds / clock.TotalSeconds,4:P0}");
        }
    }
}

using System.Collections.Concurrent;
using MetaLoss.Actors.Population;

namespace MetaLoss.Host.Tests.Service;

/// <summary>
/// What `evolve` makes of <see cref="SmallRun"/>'s settings with a seed and a number of generations:
/// each run once per test process, for every service spec to compare with.
/// </summary>
public static class EvolveReference
{
    private static readonly ConcurrentDictionary<(int Seed, int Generations), Lazy<Task<(PopulationState State, string BestMln)>>> Runs = new();

    public static Task<(PopulationState State, string BestMln)> Of(int seed, int generations) =>
        Runs.GetOrAdd((seed, generations), key => new Lazy<Task<(PopulationState, string)>>(() => Evolve(key.Seed, key.Generations))).Value;

    private static async Task<(PopulationState, string)> Evolve(int seed, int generations)
    {
        var directory = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(directory, seed, generations));
        Assert.True(code == 0, output);
        var state = await SmallRun.State(directory);
        Assert.True(state.Finished);
        return (state, Path.Combine(directory, "best-mln.json"));
    }
}

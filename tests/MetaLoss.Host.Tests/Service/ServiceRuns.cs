using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Host.Runs;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests.Service;

/// <summary>Run settings for service specs: the small run `evolve` makes from <see cref="SmallRun"/>'s options.</summary>
public static class ServiceRuns
{
    /// <summary>A finished `metaloss evolve` of <see cref="SmallRun"/> with a random initial MLN: the reference a service run must equal.</summary>
    public static async Task<PopulationState> Evolved(int seed, int generations = SmallRun.Generations)
    {
        var directory = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(directory, seed, generations, "--init", "random"));
        Assert.True(code == 0, output);
        var state = await SmallRun.State(directory);
        Assert.True(state.Finished);
        return state;
    }

    /// <summary>A small run (tiny episodes, random initial MLN) for specs that do not compare with `evolve`.</summary>
    public static RunSettings Small(ulong seed, int generations, int parents = 3, int episodesPerCandidate = 2) =>
        new(seed, generations, new EvolutionSettings { Parents = parents }, MlnArchitecture.Default,
            new EpisodeSpec(DatasetName.FashionMnistMetaTrain, new LossSpec.CrossEntropy(), 0, 0,
                PerClassTrain: 2, ValidationSize: 60, FirstHidden: 16, SecondHidden: 16, Steps: 3),
            episodesPerCandidate, PairedEpisodes: true, MlnInit.Random)
        {
            MetaValidation = MetaValidation.Default,
        };

    /// <summary>The settings as submitted: what `evolve` journaled, without the data fingerprints the service adds itself.</summary>
    public static RunSettings Submitted(PopulationState evolved) => evolved.Settings! with { Data = [] };

    /// <summary>The state of a service run, read from the service's journal.</summary>
    public static Task<PopulationState> State(string serviceDirectory, RunId run) =>
        JournalReader.ReadState(ClusterRunJournal(serviceDirectory), run);

    /// <summary>Episode results (meta-training and meta-validation) journaled for the run so far.</summary>
    public static async Task<int> Episodes(string serviceDirectory, RunId run) =>
        (await JournalReader.ReadEvents(ClusterRunJournal(serviceDirectory), run))
        .Count(e => e is EpisodeCompleted or MetaValidationEpisodeCompleted);

    public static void AssertSameRun(PopulationState expected, PopulationState actual)
    {
        Assert.True(actual.Finished);
        Assert.Equal(expected.Population, actual.Population);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Validated, actual.Validated);
        Assert.Equal(expected.EpisodesCompleted, actual.EpisodesCompleted);
    }

    private static Configuration.JournalSettings ClusterRunJournal(string directory) =>
        new(RunDirectory.Open(directory, create: false).ReadOnlyConnectionString, PostgreSql: false);
}

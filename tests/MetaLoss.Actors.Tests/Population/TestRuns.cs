using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Tests.Evaluation;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>Small runs for specs: a tiny MLN, few candidates, and a fixed initial genome.</summary>
public static class TestRuns
{
    public static MlnArchitecture Architecture { get; } = new(2, 2, 2);

    public static PopulationOptions Options { get; } = new(LeaseTimeout: TimeSpan.FromMinutes(1));

    /// <summary>A run; groups of one by default, so a lease holds exactly the episodes asked for.</summary>
    public static RunSettings Settings(int parents = 2, int episodes = 1, int generations = 3, bool paired = false,
        ulong seed = 7, int batchSize = 1) =>
        new(seed, generations, new EvolutionSettings { Parents = parents, InitialSigma = 0.1f }, Architecture,
            new EpisodeSpec(DatasetName.FashionMnistTrain, new LossSpec.CrossEntropy(), 0, 0),
            episodes, paired) { BatchSize = batchSize };

    /// <summary>A run that re-scores each generation's best <paramref name="top"/> on <paramref name="validationEpisodes"/> held-out episodes.</summary>
    public static RunSettings ValidatedSettings(int parents = 3, int episodes = 2, int generations = 3, int validationEpisodes = 2, int top = 2) =>
        Settings(parents, episodes, generations, paired: true) is var settings
            ? settings with
            {
                Template = settings.Template with { Dataset = DatasetName.FashionMnistMetaTrain },
                MetaValidation = new MetaValidation(DatasetName.FashionMnistMetaValidation, validationEpisodes, top),
            }
            : throw new InvalidOperationException();

    public static float[] InitialPhi() => Architecture.RandomParameters(11);

    public static StartRun Start(RunSettings settings) => new(settings, InitialPhi());

    /// <summary>What an evaluator running <see cref="FakeEpisodes"/> reports for an assignment.</summary>
    public static EpisodeFinished Finish(EpisodeAssignment assignment)
    {
        var result = FakeEpisodes.Run(assignment.Spec);
        return new EpisodeFinished(assignment.Key, result.Fitness, result.Outcome);
    }
}

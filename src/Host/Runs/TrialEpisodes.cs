using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Host.Runs;

/// <summary>
/// The first episodes of a run, made by the population's own state exactly as its evaluators will
/// get them: the first candidate's first meta-training episode and, with meta-validation, its first
/// meta-validation episode. The MLN is a random one of the run's architecture: the fitted initial
/// MLN costs seconds, and is computed only once the journal is known to hold no run.
/// With a task distribution, also one episode on each source at the largest sizes its ranges allow
/// (and the fewest steps, to stay quick), so a source too small for the regime is refused here.
/// </summary>
public static class TrialEpisodes
{
    public static IReadOnlyList<EpisodeSpec> Of(RunSettings settings)
    {
        var started = PopulationState.Empty.Apply(new RunStarted(settings, settings.Architecture.RandomParameters(settings.Seed)));
        var state = started.Apply(started.StartNextGeneration());
        var episodes = new List<EpisodeSpec> { state.SpecFor(new EpisodeKey(0, 0, 0)) };
        if (settings.MetaValidation.Enabled) episodes.Add(state.SpecFor(new EpisodeKey(0, 0, 0, MetaValidation: true)));
        if (settings.Tasks.Varies) episodes.AddRange(Largest(settings.Tasks, episodes[0]));
        return episodes;
    }

    private static IEnumerable<EpisodeSpec> Largest(TaskDistribution tasks, EpisodeSpec first) =>
        tasks.Datasets(first).Select(dataset => first with
        {
            Dataset = dataset,
            PerClassTrain = tasks.PerClassTrain?.Max ?? first.PerClassTrain,
            FirstHidden = tasks.FirstHidden?.Max ?? first.FirstHidden,
            SecondHidden = tasks.SecondHidden?.Max ?? first.SecondHidden,
            Steps = tasks.Steps?.Min ?? first.Steps,
            Classes = tasks.Classes is null ? first.Classes : null,
        });
}

using Akka.Actor;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Population;

/// <summary>
/// Whether an evaluator's result may be persisted. A persisted result stays in the journal for good
/// (one forged meta-validation score could become the run's best MLN), so a result is taken only
/// from the evaluator holding the episode's lease (or holding it until it expired), and only with
/// values a real episode produces.
/// </summary>
public static class ResultCheck
{
    /// <summary>Why the result is refused, or null when it may be persisted.</summary>
    public static string? Refusal(EpisodeFinished result, IActorRef sender, Leases leases, PopulationState state)
    {
        if (!leases.IsHeldBy(result.Key, sender))
            return leases.HolderOf(result.Key) is { } holder
                ? $"the episode is leased to {holder.Path}"
                : "the episode is not leased to it (a result already in, a population that moved since, or a forged one)";
        if (!state.Accepts(result.Key)) return "the episode is not open or already has a result";
        if (!double.IsFinite(result.Fitness) || result.Fitness is < 0 or > 1)
            return $"fitness {result.Fitness} is not an accuracy in [0, 1]";
        if (!Enum.IsDefined(result.Outcome)) return $"outcome {(int)result.Outcome} is not an episode outcome";
        if (result.Outcome != EpisodeOutcome.Completed && result.Fitness != 0)
            return $"a {result.Outcome} episode scores 0, not {result.Fitness}";
        return null;
    }
}

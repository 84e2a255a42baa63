using Akka.Actor;

namespace MetaLoss.Actors.Messages;

// Between the service's scheduler and the populations of its runs, which are children of the same
// registry and so always in the same process: never serialized, never sent to another node.

/// <summary>
/// The scheduler offers an evaluator's request to a run's population: it leases up to
/// <paramref name="MaxEpisodes"/> to <paramref name="Evaluator"/> and answers <see cref="OfferTaken"/>,
/// or, with nothing to lease, answers <see cref="OfferDeclined"/> and sends <see cref="WorkAvailable"/> once it has some.
/// </summary>
public sealed record OfferWork(IActorRef Evaluator, int MaxEpisodes);

/// <summary>The population leased <paramref name="Episodes"/> episodes to the evaluator.</summary>
public sealed record OfferTaken(string PersistenceId, IActorRef Evaluator, int Episodes);

/// <summary>The population has nothing to lease now (all leased, or finished).</summary>
public sealed record OfferDeclined(string PersistenceId, IActorRef Evaluator);

/// <summary>A population that declined an offer has episodes to lease again.</summary>
public sealed record WorkAvailable(string PersistenceId);

/// <summary>
/// The registry holds a run's leasing when it pauses or cancels the run, and lifts the hold when it
/// resumes it. A held population declines every offer, so an offer the scheduler sent before it
/// heard of the pause grants nothing. Answered with <see cref="LeasingHeld"/> once in force.
/// </summary>
public sealed record HoldLeasing(bool Held);

/// <summary>The population's answer to <see cref="HoldLeasing"/>: from here on it leases only when not held.</summary>
public sealed record LeasingHeld(bool Held);

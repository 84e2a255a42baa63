using Akka.Actor;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// Who may hand an evaluator work. An evaluator runs whatever a lease holds and reports it, so work
/// from anyone but the population would spend its slot on episodes no run asked for.
/// </summary>
public abstract record LeaseIssuer
{
    public abstract bool Issued(IActorRef sender, IActorContext context);

    /// <summary>Locally the population is one known actor: the evaluator's parent or the ref it was given.</summary>
    public sealed record Exactly(IActorRef Population) : LeaseIssuer
    {
        public override bool Issued(IActorRef sender, IActorContext context) => sender.Equals(Population);
    }

    /// <summary>
    /// The service without a cluster: the scheduler is the registry's child, and leases come from the
    /// populations of its runs, its other children's descendants: anything local under <paramref name="Registry"/>.
    /// </summary>
    public sealed record Within(IActorRef Registry) : LeaseIssuer
    {
        public override bool Issued(IActorRef sender, IActorContext context) =>
            !sender.Path.Address.HasGlobalScope && sender.Path.Elements.Take(Registry.Path.Elements.Count).SequenceEqual(Registry.Path.Elements);
    }

    /// <summary>
    /// In a cluster the evaluator asks through the singleton proxy, but the lease comes from the
    /// population itself, which may run on any node with the population role: a descendant of the
    /// singleton manager /user/<paramref name="Manager"/> (the manager's child is the backoff
    /// supervisor, whose child is the population actor), on this node or on such a member.
    /// </summary>
    public sealed record ClusterSingleton(string Manager, string Role) : LeaseIssuer
    {
        public override bool Issued(IActorRef sender, IActorContext context) =>
            Allows(sender.Path, Akka.Cluster.Cluster.Get(context.System).State.Members
                .Where(member => member.HasRole(Role)).Select(member => member.Address));

        /// <summary>A path without a host is this node's own; one with a host must be a population member's.</summary>
        public bool Allows(ActorPath sender, IEnumerable<Address> populationNodes) =>
            sender.Elements is ["user", var manager, _, ..] && manager == Manager &&
            (!sender.Address.HasGlobalScope || populationNodes.Contains(sender.Address));
    }
}

using Akka.Actor;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Cluster;

/// <summary>
/// Answers `metaloss status --cluster` on every clustered process: the members as this node sees
/// them, plus the population's view of their evaluators, fetched through the singleton proxy.
/// </summary>
public sealed class ClusterStatusActor : ReceiveActor
{
    public const string Name = "cluster-status";

    private static readonly TimeSpan PopulationTimeout = TimeSpan.FromSeconds(5);

    public ClusterStatusActor(IActorRef population)
    {
        ReceiveAsync<GetClusterStatus>(async _ =>
        {
            var asker = Sender;
            var members = Akka.Cluster.Cluster.Get(Context.System).State.Members
                .Select(m => new ClusterMember(EvaluatorRoster.NodeName(m.Address), m.Status.ToString(), [.. m.Roles.Order()]))
                .ToList();
            IReadOnlyList<NodeEvaluators>? evaluators;
            try
            {
                evaluators = (await population.Ask<EvaluatorsByNode>(GetEvaluators.Instance, PopulationTimeout)).Nodes;
            }
            catch (AskTimeoutException)
            {
                // No population right now (a hand-over in progress, or no population node left): members only.
                evaluators = null;
            }
            asker.Tell(new ClusterStatus(members, evaluators));
        });
    }

    public static Props Props(IActorRef population) => Akka.Actor.Props.Create(() => new ClusterStatusActor(population));
}

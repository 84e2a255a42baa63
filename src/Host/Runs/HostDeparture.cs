using Akka.Actor;
using Akka.Cluster;
using PopulationRoles = MetaLoss.Host.Configuration.ClusterSettings;

namespace MetaLoss.Host.Runs;

/// <summary>
/// A node outlives runs, but not the cluster's host: when the last `population` member has left
/// the cluster in good order (an `evolve` that finished, a `serve` that was stopped), nothing can
/// lease to the node any more and it could never join a new host from its old cluster, so it ends.
/// A host that dies instead is unreachable, and the split-brain resolver downs the node (exit 3).
/// </summary>
public static class HostDeparture
{
    /// <summary>Completes when the last population member has left gracefully.</summary>
    public static Task Watch(ActorSystem system)
    {
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new Watcher(left)), "host-departure");
        return left.Task;
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(TaskCompletionSource left)
        {
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            Receive<ClusterEvent.MemberRemoved>(removed =>
            {
                if (removed.PreviousStatus != MemberStatus.Exiting || !removed.Member.HasRole(PopulationRoles.PopulationRole)) return;
                if (!cluster.State.Members.Any(m => m.HasRole(PopulationRoles.PopulationRole) && m.Status != MemberStatus.Removed)) left.TrySetResult();
            });
            Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        }

        protected override void PreStart() =>
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}

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
        private readonly TaskCompletionSource _left;

        public Watcher(TaskCompletionSource left)
        {
            _left = left;
            // Exiting is announced to every member before the host shuts down; a removal after it is the fallback.
            Receive<ClusterEvent.MemberExited>(exited => Left(exited.Member));
            Receive<ClusterEvent.MemberRemoved>(removed =>
            {
                if (removed.PreviousStatus == MemberStatus.Exiting) Left(removed.Member);
            });
            Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        }

        protected override void PreStart() =>
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.MemberExited), typeof(ClusterEvent.MemberRemoved));

        /// <summary>
        /// The cluster's own view may not have caught up with the event: the member that left is
        /// left out by address, and only members still up (or on their way up) count.
        /// </summary>
        private void Left(Member member)
        {
            if (!member.HasRole(PopulationRoles.PopulationRole)) return;
            var others = Akka.Cluster.Cluster.Get(Context.System).State.Members.Where(m =>
                m.HasRole(PopulationRoles.PopulationRole) && !m.Address.Equals(member.Address) &&
                m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up);
            if (!others.Any()) _left.TrySetResult();
        }

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}

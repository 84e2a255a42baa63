using MetaLoss.Host.Tests.Cluster;

namespace MetaLoss.Host.Tests.Service;

/// <summary>
/// Service and dashboard specs start `serve`, nodes and reference runs, as cluster specs do: all of
/// them run one at a time in the cluster collection, so no spec's timing (fair shares) is another's load.
/// </summary>
public static class ServiceCollection
{
    public const string Name = ClusterCollection.Name;
}

using MetaLoss.Actors.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MetaLoss.Host.Api;

/// <summary>/api/cluster: the nodes, their slots, and episodes per second, across every run.</summary>
public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster", Cluster).WithTags("cluster").WithSummary("Cluster members, their evaluator slots and episodes per second");
        return api;
    }

    /// <summary>Every node with evaluators, and every member without (a standby, a node still joining); member status "-" when not a cluster member (no networking).</summary>
    private static async Task<Ok<ClusterJson>> Cluster(RunRegistryClient registry, EpisodeRates rates, CancellationToken cancellation)
    {
        var status = await registry.Cluster(cancellation);
        var members = status.Members.ToDictionary(m => m.Node);
        var withEvaluators = (status.Evaluators ?? []).Select(e =>
        {
            var member = members.GetValueOrDefault(e.Node);
            return new NodeJson(e.Node, member?.Status ?? "-", member?.Roles ?? [], e.Slots, e.EpisodesInFlight, e.EpisodesDone,
                rates.Of(e.Node, e.EpisodesDone));
        });
        var without = status.Members.Where(m => status.Evaluators?.All(e => e.Node != m.Node) ?? true)
            .Select(m => new NodeJson(m.Node, m.Status, m.Roles, 0, 0, 0, 0));
        return TypedResults.Ok(new ClusterJson([.. withEvaluators, .. without]));
    }
}

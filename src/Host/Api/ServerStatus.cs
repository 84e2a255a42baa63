using MetaLoss.Actors.Messages;
using MetaLoss.Host.Commands;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Api;

/// <summary>`status --server`: a service's runs and cluster, or one run in full, printed as `status` prints a run directory's.</summary>
public static class ServerStatus
{
    public static async Task Print(ServiceClient client, string? name, CancellationToken cancellation)
    {
        using var _ = client;
        if (name is null)
        {
            RunTable.Print(await client.Get<RunJson[]>("api/runs", cancellation));
            Console.WriteLine();
            var cluster = await client.Get<ClusterJson>("api/cluster", cancellation);
            ClusterStatusTable.Print("the server", new ClusterStatus(
                [.. cluster.Nodes.Select(n => new ClusterMember(n.Node, n.Status, n.Roles))],
                [.. cluster.Nodes.Select(n => new NodeEvaluators(n.Node, n.Slots, n.EpisodesInFlight, n.EpisodesDone))]));
            return;
        }
        CreateRun.CheckName(name);
        var detail = await client.Get<RunDetailJson>($"api/runs/{name}", cancellation);
        var run = detail.Run;
        Console.WriteLine($"run {run.Name} (id {run.Id}): {run.State}, priority {run.Priority}");
        var history = detail.Generations
            .Select(g => new GenerationSummary(g.Generation - 1, g.BestFitness, g.MeanFitness, g.Flagged, g.BestValidationScore)).ToList();
        var status = new RunStatus(Started: true, Finished: run.State == "finished", run.Generation, run.Generations, run.EpisodesDoneThisGeneration,
            run.EpisodesPerGeneration, run.EpisodesCompleted, history, Best: null);
        StatusCommand.Print(status, detail.Settings.ToRequest().ToSettings());
    }
}

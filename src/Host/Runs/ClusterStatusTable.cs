using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Runs;

/// <summary>The cluster part of `metaloss status`: one line per node with its evaluators.</summary>
public static class ClusterStatusTable
{
    public static void Print(string seenFrom, ClusterStatus status)
    {
        Console.WriteLine($"cluster, as seen from {seenFrom}:");
        Console.WriteLine($"{"node",-22}  {"status",-8}  {"roles",-22}  {"slots",5}  {"in flight",9}  {"episodes done",13}");
        var evaluators = (status.Evaluators ?? []).ToDictionary(e => e.Node);
        // Evaluators of a node that already left still hold leases until they are re-queued: list them too.
        var nodes = status.Members.Select(m => m.Node).Union(evaluators.Keys).Order(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var member = status.Members.FirstOrDefault(m => m.Node == node);
            var work = evaluators.GetValueOrDefault(node);
            Console.WriteLine($"{node,-22}  {member?.Status ?? "gone",-8}  {(member is null ? "" : string.Join(",", member.Roles)),-22}  " +
                              $"{work?.Slots ?? 0,5}  {work?.EpisodesInFlight ?? 0,9}  {work?.EpisodesDone ?? 0,13}");
        }
        Console.WriteLine(status.Evaluators is null
            ? "The population did not answer (it is starting, or moving to another node): no evaluator figures."
            : "Slots are evaluators that asked for work; episodes done count since the population last started on its node.");
    }
}

using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writers and readers of the live cluster-status messages (ClusterStatus.cs).</summary>
internal static class ClusterStatusFormat
{
    public static void WriteNodeEvaluators(this BinaryWriter writer, NodeEvaluators node)
    {
        writer.Write(node.Node);
        writer.Write(node.Slots);
        writer.Write(node.EpisodesInFlight);
        writer.Write(node.EpisodesDone);
    }

    public static NodeEvaluators ReadNodeEvaluators(this BinaryReader reader) =>
        new(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt64());

    public static void WriteEvaluatorsByNode(this BinaryWriter writer, EvaluatorsByNode evaluators) =>
        writer.WriteList(evaluators.Nodes, WriteNodeEvaluators);

    public static EvaluatorsByNode ReadEvaluatorsByNode(this BinaryReader reader) => new(reader.ReadList(ReadNodeEvaluators));

    public static void WriteClusterStatus(this BinaryWriter writer, ClusterStatus status)
    {
        writer.WriteList(status.Members, (w, member) =>
        {
            w.Write(member.Node);
            w.Write(member.Status);
            w.WriteList(member.Roles, (rw, role) => rw.Write(role));
        });
        writer.WriteOptional(status.Evaluators, (w, nodes) => w.WriteList(nodes, WriteNodeEvaluators));
    }

    public static ClusterStatus ReadClusterStatus(this BinaryReader reader) => new(
        reader.ReadList(r => new ClusterMember(r.ReadString(), r.ReadString(), r.ReadList(rr => rr.ReadString()))),
        reader.ReadOptional<IReadOnlyList<NodeEvaluators>>(r => r.ReadList(ReadNodeEvaluators)));
}

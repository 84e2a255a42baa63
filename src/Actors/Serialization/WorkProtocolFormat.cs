using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writers and readers of the work-pulling messages (WorkProtocol.cs).</summary>
internal static class WorkProtocolFormat
{
    public static void WriteEpisodeKey(this BinaryWriter writer, EpisodeKey key)
    {
        writer.Write(key.Generation);
        writer.Write(key.Candidate);
        writer.Write(key.Episode);
        writer.Write(key.MetaValidation);
    }

    public static EpisodeKey ReadEpisodeKey(this BinaryReader reader) =>
        new(reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBoolean());

    public static void WriteRequestWork(this BinaryWriter writer, RequestWork request) => writer.Write(request.MaxEpisodes);

    public static RequestWork ReadRequestWork(this BinaryReader reader) => new(reader.ReadInt32());

    /// <summary>Group by group (WL4); a lease of single episodes (WL3) is not read: a cluster's nodes run one version.</summary>
    public static void WriteWorkLease(this BinaryWriter writer, WorkLease lease)
    {
        writer.WriteList(lease.Groups, (w, group) => w.WriteList(group.Episodes, (v, assignment) =>
        {
            v.WriteEpisodeKey(assignment.Key);
            v.WriteEpisodeSpec(assignment.Spec);
        }));
        writer.WriteList(lease.Data, RunControlFormat.WriteFingerprint);
    }

    public static WorkLease ReadWorkLease(this BinaryReader reader) =>
        new(reader.ReadList(r => new EpisodeGroup(r.ReadList(v => new EpisodeAssignment(v.ReadEpisodeKey(), v.ReadEpisodeSpec())))))
        {
            Data = reader.ReadList(RunControlFormat.ReadFingerprint),
        };

    public static void WriteNoWorkAvailable(this BinaryWriter writer, NoWorkAvailable none) => writer.Write(none.RunFinished);

    public static NoWorkAvailable ReadNoWorkAvailable(this BinaryReader reader) => new(reader.ReadBoolean());

    public static void WriteEpisodeFinished(this BinaryWriter writer, EpisodeFinished finished)
    {
        writer.WriteEpisodeKey(finished.Key);
        writer.Write(finished.Fitness);
        writer.WriteEnum(finished.Outcome);
    }

    public static EpisodeFinished ReadEpisodeFinished(this BinaryReader reader) =>
        new(reader.ReadEpisodeKey(), reader.ReadDouble(), reader.ReadEnum<EpisodeOutcome>());

    public static void WriteGroupFinished(this BinaryWriter writer, GroupFinished group) => writer.WriteList(group.Results, WriteEpisodeFinished);

    public static GroupFinished ReadGroupFinished(this BinaryReader reader) => new(reader.ReadList(ReadEpisodeFinished));
}

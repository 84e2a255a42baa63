using System.Collections.Frozen;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Serialization;

/// <summary>
/// The one serializer of MetaLoss's messages, events and snapshots: a compact little-endian binary
/// format under short versioned manifests. A manifest names one format forever; changing a type's
/// layout means a new manifest (e.g. "RS2") while the old reader stays, so old journals still load.
/// </summary>
public sealed class MetaLossSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private static readonly Format[] Formats =
    [
        // Persisted events.
        Format.Of<RunStarted>("RS5", EventFormat.WriteRunStarted, EventFormat.ReadRunStarted),
        Format.Of<GenerationStarted>("GS1", EventFormat.WriteGenerationStarted, EventFormat.ReadGenerationStarted),
        Format.Of<EpisodeCompleted>("EC1", EventFormat.WriteEpisodeCompleted, EventFormat.ReadEpisodeCompleted),
        Format.Of<MetaValidationEpisodeCompleted>("VE1", EventFormat.WriteMetaValidationEpisodeCompleted, EventFormat.ReadMetaValidationEpisodeCompleted),
        Format.Of<CandidatesValidated>("CV1", EventFormat.WriteCandidatesValidated, EventFormat.ReadCandidatesValidated),
        Format.Of<GenerationCompleted>("GC1", EventFormat.WriteGenerationCompleted, EventFormat.ReadGenerationCompleted),
        Format.Of<RunExtended>("RX1", EventFormat.WriteRunExtended, EventFormat.ReadRunExtended),
        // Snapshot.
        Format.Of<PopulationState>("PS5", SnapshotFormat.WritePopulationState, SnapshotFormat.ReadPopulationState),
        // Run control.
        Format.Of<StartRun>("SR6", RunControlFormat.WriteStartRun, RunControlFormat.ReadStartRun),
        Format.Of<RunAccepted>("RA2", RunControlFormat.WriteRunAccepted, RunControlFormat.ReadRunAccepted),
        Format.Of<RunRejected>("RR1", RunControlFormat.WriteRunRejected, RunControlFormat.ReadRunRejected),
        Format.Of<GetRunStatus>("GRS1", (_, _) => { }, _ => GetRunStatus.Instance),
        Format.Of<RunStatus>("ST2", RunControlFormat.WriteRunStatus, RunControlFormat.ReadRunStatus),
        Format.Of<SubscribeProgress>("SP1", (_, _) => { }, _ => SubscribeProgress.Instance),
        Format.Of<ProgressUpdate>("PU1", RunControlFormat.WriteProgressUpdate, RunControlFormat.ReadProgressUpdate),
        Format.Of<EvaluatorsFailed>("EVF1", RunControlFormat.WriteEvaluatorsFailed, RunControlFormat.ReadEvaluatorsFailed),
        Format.Of<JournalFault>("JF1", RunControlFormat.WriteJournalFault, RunControlFormat.ReadJournalFault),
        // Work protocol.
        Format.Of<RequestWork>("RW1", WorkProtocolFormat.WriteRequestWork, WorkProtocolFormat.ReadRequestWork),
        Format.Of<WorkLease>("WL4", WorkProtocolFormat.WriteWorkLease, WorkProtocolFormat.ReadWorkLease),
        Format.Of<NoWorkAvailable>("NW1", WorkProtocolFormat.WriteNoWorkAvailable, WorkProtocolFormat.ReadNoWorkAvailable),
        Format.Of<EpisodeFinished>("EF2", WorkProtocolFormat.WriteEpisodeFinished, WorkProtocolFormat.ReadEpisodeFinished),
        Format.Of<GroupFinished>("GF1", WorkProtocolFormat.WriteGroupFinished, WorkProtocolFormat.ReadGroupFinished),
        Format.Of<ReleaseLeases>("RL1", (_, _) => { }, _ => ReleaseLeases.Instance),
        // Live cluster status.
        Format.Of<GetEvaluators>("GEV1", (_, _) => { }, _ => GetEvaluators.Instance),
        Format.Of<EvaluatorsByNode>("EBN1", ClusterStatusFormat.WriteEvaluatorsByNode, ClusterStatusFormat.ReadEvaluatorsByNode),
        Format.Of<GetClusterStatus>("GCS1", (_, _) => { }, _ => GetClusterStatus.Instance),
        Format.Of<ClusterStatus>("CS1", ClusterStatusFormat.WriteClusterStatus, ClusterStatusFormat.ReadClusterStatus),
        // Run registry events.
        Format.Of<RunSubmitted>("RGS1", ServiceFormat.WriteRunSubmitted, ServiceFormat.ReadRunSubmitted),
        Format.Of<RunRegistered>("RGR2", ServiceFormat.WriteRunRegistered, ServiceFormat.ReadRunRegistered),
        Format.Of<RunRefused>("RGF1", ServiceFormat.WriteRunRefused, ServiceFormat.ReadRunRefused),
        Format.Of<RunLifecycleChanged>("RGL1", ServiceFormat.WriteRunLifecycleChanged, ServiceFormat.ReadRunLifecycleChanged),
        Format.Of<RunGenerationsRaised>("RGX1", ServiceFormat.WriteRunGenerationsRaised, ServiceFormat.ReadRunGenerationsRaised),
        // Service requests, answers and pushes.
        Format.Of<RunInfo>("RI2", ServiceFormat.WriteRunInfo, ServiceFormat.ReadRunInfo),
        Format.Of<SubmitRun>("SUB2", ServiceFormat.WriteSubmitRun, ServiceFormat.ReadSubmitRun),
        Format.Of<RunPreparing>("SUBP1", (w, m) => w.Write(m.Name), r => new RunPreparing(r.ReadString())),
        Format.Of<RunExists>("SUBE2", (w, m) => w.WriteRunInfo(m.Run), r => new RunExists(r.ReadRunInfo())),
        Format.Of<SubmitRefused>("SUBR1", ServiceFormat.WriteSubmitRefused, ServiceFormat.ReadSubmitRefused),
        Format.Of<ListRuns>("LR1", (_, _) => { }, _ => ListRuns.Instance),
        Format.Of<RunList>("RLS2", ServiceFormat.WriteRunList, ServiceFormat.ReadRunList),
        Format.Of<GetRunDetail>("GRD1", (w, m) => w.Write(m.Name), r => new GetRunDetail(r.ReadString())),
        Format.Of<RunDetail>("RD3", ServiceFormat.WriteRunDetail, ServiceFormat.ReadRunDetail),
        Format.Of<RunNotFound>("RNF1", (w, m) => w.Write(m.Name), r => new RunNotFound(r.ReadString())),
        Format.Of<ChangeRun>("CR1", ServiceFormat.WriteChangeRun, ServiceFormat.ReadChangeRun),
        Format.Of<ChangeRefused>("CRR1", (w, m) => w.Write(m.Reason), r => new ChangeRefused(r.ReadString())),
        Format.Of<GetBestMln>("GBM1", (w, m) => w.Write(m.Name), r => new GetBestMln(r.ReadString())),
        Format.Of<BestMln>("BM2", ServiceFormat.WriteBestMln, ServiceFormat.ReadBestMln),
        Format.Of<SubscribeService>("SSV1", (_, _) => { }, _ => SubscribeService.Instance),
        Format.Of<RunGenerationCompleted>("RGC1", ServiceFormat.WriteRunGenerationCompleted, ServiceFormat.ReadRunGenerationCompleted),
        Format.Of<RunStateChanged>("RSC2", (w, m) => w.WriteRunInfo(m.Run), r => new RunStateChanged(r.ReadRunInfo())),
        Format.Of<NodeChanged>("NC1", ServiceFormat.WriteNodeChanged, ServiceFormat.ReadNodeChanged),
    ];

    // Formats no longer written but still read, so journals and snapshots from earlier versions load.
    private static readonly Format[] ReadOnlyFormats =
    [
        Format.ReadOnly("RS1", EventFormat.ReadRunStartedV1),
        Format.ReadOnly("RS2", EventFormat.ReadRunStartedV2),
        Format.ReadOnly("RS3", EventFormat.ReadRunStartedV3),
        Format.ReadOnly("RS4", EventFormat.ReadRunStartedV4),
        Format.ReadOnly("PS1", SnapshotFormat.ReadPopulationStateV1),
        Format.ReadOnly("PS2", SnapshotFormat.ReadPopulationStateV2),
        Format.ReadOnly("PS3", SnapshotFormat.ReadPopulationStateV3),
        Format.ReadOnly("PS4", SnapshotFormat.ReadPopulationStateV4),
        Format.ReadOnly("RGR1", ServiceFormat.ReadRunRegisteredV1),
    ];

    private static readonly FrozenDictionary<Type, Format> ByType = Formats.ToFrozenDictionary(f => f.Type);
    private static readonly FrozenDictionary<string, Format> ByManifest = Formats.Concat(ReadOnlyFormats).ToFrozenDictionary(f => f.Manifest);

    // Fixed forever: journals store it next to every event and snapshot.
    public override int Identifier => 4242;

    public override string Manifest(object o) => FormatOf(o).Manifest;

    public override byte[] ToBinary(object obj)
    {
        var format = FormatOf(obj);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) format.Write(writer, obj);
        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!ByManifest.TryGetValue(manifest, out var format))
            throw new SerializationException(
                $"MetaLossSerializer does not know manifest '{manifest}' (known: {string.Join(", ", ByManifest.Keys)})");
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        try
        {
            var value = format.Read(reader);
            var left = bytes.Length - reader.BaseStream.Position;
            return left == 0 ? value : throw new InvalidDataException($"{left} bytes left over");
        }
        // The constructors' ArgumentExceptions count too: they reject values no writer produces.
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or ArgumentException)
        {
            throw new CorruptPayloadException(
                $"Corrupt '{manifest}' ({format.Type.Name}) payload of {bytes.Length} bytes: {e.Message}", format.Type, e);
        }
    }

    private static Format FormatOf(object o) =>
        ByType.TryGetValue(o.GetType(), out var format)
            ? format
            : throw new SerializationException($"MetaLossSerializer has no format for {o.GetType().FullName}");

    private sealed record Format(Type Type, string Manifest, Action<BinaryWriter, object> Write, Func<BinaryReader, object> Read)
    {
        public static Format Of<T>(string manifest, Action<BinaryWriter, T> write, Func<BinaryReader, T> read)
            where T : notnull =>
            new(typeof(T), manifest, (writer, o) => write(writer, (T)o), reader => read(reader));

        public static Format ReadOnly<T>(string manifest, Func<BinaryReader, T> read) where T : notnull =>
            new(typeof(T), manifest, (_, _) => throw new InvalidOperationException($"{manifest} is only read, never written"), reader => read(reader));
    }
}

using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writers and readers of the service's messages (Service*.cs) and the run registry's events.</summary>
internal static class ServiceFormat
{
    public static void WriteRunInfo(this BinaryWriter writer, RunInfo run)
    {
        writer.Write(run.Name);
        writer.WriteRunId(run.Id);
        writer.WriteEnum(run.State);
        writer.Write(run.Priority);
        writer.Write(run.Generation);
        writer.Write(run.Generations);
        writer.Write(run.EpisodesDoneThisGeneration);
        writer.Write(run.EpisodesPerGeneration);
        writer.Write(run.EpisodesCompleted);
        writer.WriteOptional(run.BestFitness);
        writer.WriteOptional(run.BestValidationScore);
        writer.WriteOptional(run.Refusal, (w, reason) => w.Write(reason));
    }

    public static RunInfo ReadRunInfo(this BinaryReader reader) => new(
        reader.ReadString(),
        reader.ReadRunId(),
        reader.ReadEnum<RunLifecycle>(),
        reader.ReadInt32(),
        reader.ReadInt64(),
        reader.ReadInt32(),
        reader.ReadInt32(),
        reader.ReadInt32(),
        reader.ReadInt64(),
        reader.ReadOptionalDouble(),
        reader.ReadOptionalDouble(),
        reader.ReadOptional(r => r.ReadString()));

    public static void WriteSubmitRun(this BinaryWriter writer, SubmitRun submit)
    {
        writer.Write(submit.Name);
        writer.WriteRunSettings(submit.Settings);
        writer.Write(submit.Priority);
    }

    public static SubmitRun ReadSubmitRun(this BinaryReader reader) => new(reader.ReadString(), reader.ReadRunSettings(), reader.ReadInt32());

    public static void WriteSubmitRefused(this BinaryWriter writer, SubmitRefused refused)
    {
        writer.Write(refused.Reason);
        writer.Write(refused.Conflict);
    }

    public static SubmitRefused ReadSubmitRefused(this BinaryReader reader) => new(reader.ReadString(), reader.ReadBoolean());

    public static void WriteRunList(this BinaryWriter writer, RunList list) => writer.WriteList(list.Runs, WriteRunInfo);

    public static RunList ReadRunList(this BinaryReader reader) => new(reader.ReadList(ReadRunInfo));

    public static void WriteRunDetail(this BinaryWriter writer, RunDetail detail)
    {
        writer.WriteRunInfo(detail.Run);
        writer.WriteRunSettings(detail.Settings);
        writer.WriteList(detail.History, RunControlFormat.WriteGenerationSummary);
    }

    public static RunDetail ReadRunDetail(this BinaryReader reader) =>
        new(reader.ReadRunInfo(), reader.ReadRunSettings(), reader.ReadList(RunControlFormat.ReadGenerationSummary));

    public static void WriteChangeRun(this BinaryWriter writer, ChangeRun change)
    {
        writer.Write(change.Name);
        writer.WriteEnum(change.Change);
    }

    public static ChangeRun ReadChangeRun(this BinaryReader reader) => new(reader.ReadString(), reader.ReadEnum<RunChange>());

    public static void WriteBestMln(this BinaryWriter writer, BestMln best)
    {
        writer.Write(best.Name);
        writer.WriteArchitecture(best.Architecture);
        writer.WriteFloats(best.Phi);
        writer.Write(best.Generation);
        writer.WriteOptional(best.ValidationScore);
        writer.Write(best.Architecture.ProgressInput);
    }

    /// <summary>BM2; the BM1 of older versions (no progress input) is not read: an answer is never stored.</summary>
    public static BestMln ReadBestMln(this BinaryReader reader)
    {
        var best = new BestMln(reader.ReadString(), reader.ReadArchitecture(), reader.ReadFloats(), reader.ReadInt64(), reader.ReadOptionalDouble());
        return best with { Architecture = reader.WithProgressInput(best.Architecture) };
    }

    public static void WriteRunGenerationCompleted(this BinaryWriter writer, RunGenerationCompleted completed)
    {
        writer.Write(completed.Name);
        writer.WriteGenerationSummary(completed.Summary);
    }

    public static RunGenerationCompleted ReadRunGenerationCompleted(this BinaryReader reader) =>
        new(reader.ReadString(), reader.ReadGenerationSummary());

    public static void WriteNodeChanged(this BinaryWriter writer, NodeChanged changed)
    {
        writer.Write(changed.Node);
        writer.Write(changed.Joined);
    }

    public static NodeChanged ReadNodeChanged(this BinaryReader reader) => new(reader.ReadString(), reader.ReadBoolean());

    public static void WriteRunSubmitted(this BinaryWriter writer, RunSubmitted submitted) =>
        writer.WriteRegistration(submitted.Name, submitted.Id, submitted.Settings, submitted.Priority);

    public static RunSubmitted ReadRunSubmitted(this BinaryReader reader) =>
        new(reader.ReadString(), reader.ReadRunId(), reader.ReadRunSettings(), reader.ReadInt32());

    public static void WriteRunRefused(this BinaryWriter writer, RunRefused refused)
    {
        writer.Write(refused.Name);
        writer.WriteRunId(refused.Id);
        writer.Write(refused.Reason);
    }

    public static RunRefused ReadRunRefused(this BinaryReader reader) => new(reader.ReadString(), reader.ReadRunId(), reader.ReadString());

    public static void WriteRunRegistered(this BinaryWriter writer, RunRegistered registered) =>
        writer.WriteRegistration(registered.Name, registered.Id, registered.Settings, registered.Priority);

    private static void WriteRegistration(this BinaryWriter writer, string name, RunId id, RunSettings settings, int priority)
    {
        writer.Write(name);
        writer.WriteRunId(id);
        writer.WriteRunSettings(settings);
        writer.Write(priority);
    }

    public static RunRegistered ReadRunRegistered(this BinaryReader reader) => reader.ReadRunRegistered(RunControlFormat.ReadRunSettings);

    /// <summary>A registration journaled before search strategies and task distributions (RGR1): a (mu+lambda) run on its template alone.</summary>
    public static RunRegistered ReadRunRegisteredV1(this BinaryReader reader) => reader.ReadRunRegistered(RunControlFormat.ReadRunSettingsV4);

    private static RunRegistered ReadRunRegistered(this BinaryReader reader, Func<BinaryReader, RunSettings> readSettings) =>
        new(reader.ReadString(), reader.ReadRunId(), readSettings(reader), reader.ReadInt32());

    public static void WriteRunLifecycleChanged(this BinaryWriter writer, RunLifecycleChanged changed)
    {
        writer.Write(changed.Name);
        writer.WriteEnum(changed.State);
    }

    public static RunLifecycleChanged ReadRunLifecycleChanged(this BinaryReader reader) => new(reader.ReadString(), reader.ReadEnum<RunLifecycle>());

    public static void WriteRunGenerationsRaised(this BinaryWriter writer, RunGenerationsRaised raised)
    {
        writer.Write(raised.Name);
        writer.WriteRunId(raised.Id);
        writer.Write(raised.Generations);
    }

    public static RunGenerationsRaised ReadRunGenerationsRaised(this BinaryReader reader)
    {
        var (name, id, generations) = (reader.ReadString(), reader.ReadRunId(), reader.ReadInt32());
        return generations > 0 ? new RunGenerationsRaised(name, id, generations)
            : throw new InvalidDataException($"run {name} raised to {generations} generations");
    }
}

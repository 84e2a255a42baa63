using MetaLoss.Actors.Messages;
using MetaLoss.Training.Data;
using MetaLoss.Training.Evolution;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writers and readers of the run settings and the run-control messages (RunControl.cs).</summary>
internal static class RunControlFormat
{
    public static void WriteRunSettings(this BinaryWriter writer, RunSettings settings)
    {
        writer.Write(settings.Seed);
        writer.Write(settings.Generations);
        writer.WriteEvolutionSettings(settings.Evolution);
        writer.WriteArchitecture(settings.Architecture);
        writer.WriteEpisodeSpec(settings.Template);
        writer.Write(settings.EpisodesPerCandidate);
        writer.Write(settings.PairedEpisodes);
        writer.WriteEnum(settings.Init);
        writer.WriteMetaValidation(settings.MetaValidation);
        writer.WriteList(settings.Data, WriteFingerprint);
        writer.Write(settings.BatchSize);
        writer.WriteEnum(settings.Strategy);
        writer.WriteTaskDistribution(settings.Tasks);
        writer.Write(settings.Architecture.ProgressInput);
    }

    public static RunSettings ReadRunSettings(this BinaryReader reader)
    {
        var settings = reader.ReadRunSettingsV4() with { Strategy = reader.ReadEnum<SearchStrategyName>(), Tasks = reader.ReadTaskDistribution() };
        return settings with { Architecture = reader.WithProgressInput(settings.Architecture) };
    }

    /// <summary>Settings as journaled before search strategies, task distributions and the MLN's progress input (RS4, PS4, RGR1): such runs are (mu+lambda) on their template alone, without progress.</summary>
    public static RunSettings ReadRunSettingsV4(this BinaryReader reader) =>
        reader.ReadRunSettingsV3() with { BatchSize = reader.ReadInt32() };

    /// <summary>Settings as journaled before batch sizes (RS3, PS3): such runs compute groups of one (<see cref="RunSettings.LegacyBatchSize"/>).</summary>
    public static RunSettings ReadRunSettingsV3(this BinaryReader reader) =>
        reader.ReadRunSettingsV2() with { Data = reader.ReadList(ReadFingerprint) };

    /// <summary>Settings as journaled before dataset fingerprints (RS2, PS2): such runs are not checked.</summary>
    public static RunSettings ReadRunSettingsV2(this BinaryReader reader) =>
        reader.ReadRunSettingsV1() with { MetaValidation = reader.ReadMetaValidation() };

    /// <summary>Settings as journaled before meta-validation existed (RS1, PS1): such runs have none.</summary>
    public static RunSettings ReadRunSettingsV1(this BinaryReader reader) => new RunSettings(
        reader.ReadUInt64(),
        reader.ReadInt32(),
        reader.ReadEvolutionSettings(),
        reader.ReadArchitecture(),
        reader.ReadEpisodeSpec(),
        reader.ReadInt32(),
        reader.ReadBoolean(),
        reader.ReadEnum<MlnInit>()) { BatchSize = RunSettings.LegacyBatchSize };

    private static void WriteMetaValidation(this BinaryWriter writer, MetaValidation validation)
    {
        writer.WriteEnum(validation.Dataset);
        writer.Write(validation.Episodes);
        writer.Write(validation.TopCandidates);
    }

    private static MetaValidation ReadMetaValidation(this BinaryReader reader) =>
        new(reader.ReadEnum<DatasetName>(), reader.ReadInt32(), reader.ReadInt32());

    public static void WriteFingerprint(this BinaryWriter writer, DatasetFingerprint fingerprint)
    {
        writer.WriteEnum(fingerprint.Dataset);
        writer.Write(fingerprint.Sha256);
    }

    public static DatasetFingerprint ReadFingerprint(this BinaryReader reader) => new(reader.ReadEnum<DatasetName>(), reader.ReadString());

    public static void WriteRunId(this BinaryWriter writer, RunId run) => writer.Write(run.Value);

    public static RunId ReadRunId(this BinaryReader reader) => RunId.Parse(reader.ReadString());

    public static void WriteStartRun(this BinaryWriter writer, StartRun start)
    {
        writer.WriteRunSettings(start.Settings);
        writer.WriteFloats(start.InitialPhi);
        writer.WriteOptional(start.Fit, WriteInitialFit);
        writer.WriteOptional(start.Run, WriteRunId);
        writer.Write((int)start.Unstated);
    }

    /// <summary>SR6; the SR5 of older versions is not read (a cluster's nodes run one version).</summary>
    public static StartRun ReadStartRun(this BinaryReader reader) =>
        new(reader.ReadRunSettings(), reader.ReadFloats(), reader.ReadOptional(ReadInitialFit))
        {
            Run = reader.ReadOptional(ReadRunId),
            Unstated = reader.ReadUnstated(),
        };

    /// <summary>Flags travel as their bits; a bit no version defines is corrupt input.</summary>
    private static UnstatedSettings ReadUnstated(this BinaryReader reader)
    {
        var bits = reader.ReadInt32();
        return (bits & ~(int)UnstatedSettings.All) == 0 ? (UnstatedSettings)bits : throw new InvalidDataException($"{bits} is not a set of unstated settings");
    }

    public static void WriteInitialFit(this BinaryWriter writer, InitialFit fit)
    {
        writer.Write(fit.GradientCosine);
        writer.Write(fit.NormRatio);
    }

    public static InitialFit ReadInitialFit(this BinaryReader reader) => new(reader.ReadDouble(), reader.ReadDouble());

    public static void WriteRunAccepted(this BinaryWriter writer, RunAccepted accepted)
    {
        writer.Write(accepted.Resumed);
        writer.Write(accepted.Generation);
        writer.WriteRunSettings(accepted.Settings);
    }

    /// <summary>RA2; the RA1 of older versions (without the settings) is not read (a cluster's nodes run one version).</summary>
    public static RunAccepted ReadRunAccepted(this BinaryReader reader) => new(reader.ReadBoolean(), reader.ReadInt64(), reader.ReadRunSettings());

    public static void WriteRunRejected(this BinaryWriter writer, RunRejected rejected) => writer.Write(rejected.Reason);

    public static RunRejected ReadRunRejected(this BinaryReader reader) => new(reader.ReadString());

    public static void WriteGenerationSummary(this BinaryWriter writer, GenerationSummary summary)
    {
        writer.Write(summary.Generation);
        writer.Write(summary.BestFitness);
        writer.Write(summary.MeanFitness);
        writer.Write(summary.FlaggedEpisodes);
        writer.WriteOptional(summary.BestValidationScore);
    }

    public static GenerationSummary ReadGenerationSummary(this BinaryReader reader) =>
        reader.ReadGenerationSummaryV1() with { BestValidationScore = reader.ReadOptionalDouble() };

    /// <summary>A summary as snapshotted before meta-validation existed (PS1).</summary>
    public static GenerationSummary ReadGenerationSummaryV1(this BinaryReader reader) =>
        new(reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32());

    public static void WriteValidatedMln(this BinaryWriter writer, ValidatedMln validated)
    {
        writer.Write(validated.Generation);
        writer.Write(validated.Candidate);
        writer.WriteGenome(validated.Genome);
        writer.Write(validated.Score);
    }

    public static ValidatedMln ReadValidatedMln(this BinaryReader reader) =>
        new(reader.ReadInt64(), reader.ReadInt32(), reader.ReadGenome(), reader.ReadDouble());

    public static void WriteRunStatus(this BinaryWriter writer, RunStatus status)
    {
        writer.Write(status.Started);
        writer.Write(status.Finished);
        writer.Write(status.Generation);
        writer.Write(status.Generations);
        writer.Write(status.EpisodesDoneThisGeneration);
        writer.Write(status.EpisodesPerGeneration);
        writer.Write(status.EpisodesCompleted);
        writer.WriteList(status.History, WriteGenerationSummary);
        writer.WriteOptional(status.Best, TrainingTypesFormat.WriteGenome);
        writer.WriteOptional(status.BestValidated, WriteValidatedMln);
    }

    public static RunStatus ReadRunStatus(this BinaryReader reader) => new(
        reader.ReadBoolean(),
        reader.ReadBoolean(),
        reader.ReadInt64(),
        reader.ReadInt32(),
        reader.ReadInt32(),
        reader.ReadInt32(),
        reader.ReadInt64(),
        reader.ReadList(ReadGenerationSummary),
        reader.ReadOptional(TrainingTypesFormat.ReadGenome),
        reader.ReadOptional(ReadValidatedMln));

    public static void WriteProgressUpdate(this BinaryWriter writer, ProgressUpdate progress)
    {
        writer.Write(progress.Started);
        writer.Write(progress.Finished);
        writer.Write(progress.Generation);
        writer.Write(progress.Generations);
        writer.Write(progress.EpisodesDoneThisGeneration);
        writer.Write(progress.EpisodesPerGeneration);
        writer.Write(progress.EpisodesCompleted);
        writer.WriteList(progress.Recent, WriteGenerationSummary);
        writer.WriteOptional(progress.BestFitness);
    }

    public static ProgressUpdate ReadProgressUpdate(this BinaryReader reader) => new(
        reader.ReadBoolean(),
        reader.ReadBoolean(),
        reader.ReadInt64(),
        reader.ReadInt32(),
        reader.ReadInt32(),
        reader.ReadInt32(),
        reader.ReadInt64(),
        reader.ReadList(ReadGenerationSummary),
        reader.ReadOptionalDouble());

    public static void WriteEvaluatorsFailed(this BinaryWriter writer, EvaluatorsFailed failed)
    {
        writer.Write(failed.Evaluators);
        writer.Write(failed.LastError);
    }

    public static EvaluatorsFailed ReadEvaluatorsFailed(this BinaryReader reader) => new(reader.ReadInt32(), reader.ReadString());

    public static void WriteJournalFault(this BinaryWriter writer, JournalFault fault) => writer.Write(fault.Cause);

    public static JournalFault ReadJournalFault(this BinaryReader reader) => new(reader.ReadString());
}

using MetaLoss.Actors.Messages;

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
    }

    public static RunSettings ReadRunSettings(this BinaryReader reader) => new(
        reader.ReadUInt64(),
        reader.ReadInt32(),
        reader.ReadEvolutionSettings(),
        reader.ReadArchitecture(),
        reader.ReadEpisodeSpec(),
        reader.ReadInt32(),
        reader.ReadBoolean(),
        reader.ReadEnum<MlnInit>());

    public static void WriteStartRun(this BinaryWriter writer, StartRun start)
    {
        writer.WriteRunSettings(start.Settings);
        writer.WriteFloats(start.InitialPhi);
        writer.WriteOptional(start.Fit, WriteInitialFit);
    }

    public static StartRun ReadStartRun(this BinaryReader reader) =>
        new(reader.ReadRunSettings(), reader.ReadFloats(), reader.ReadOptional(ReadInitialFit));

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
    }

    public static RunAccepted ReadRunAccepted(this BinaryReader reader) => new(reader.ReadBoolean(), reader.ReadInt64());

    public static void WriteRunRejected(this BinaryWriter writer, RunRejected rejected) => writer.Write(rejected.Reason);

    public static RunRejected ReadRunRejected(this BinaryReader reader) => new(reader.ReadString());

    public static void WriteGenerationSummary(this BinaryWriter writer, GenerationSummary summary)
    {
        writer.Write(summary.Generation);
        writer.Write(summary.BestFitness);
        writer.Write(summary.MeanFitness);
        writer.Write(summary.FlaggedEpisodes);
    }

    public static GenerationSummary ReadGenerationSummary(this BinaryReader reader) =>
        new(reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32());

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
        reader.ReadOptional(TrainingTypesFormat.ReadGenome));
}

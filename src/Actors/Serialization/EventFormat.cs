using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writers and readers of the persisted population events (PopulationEvents.cs).</summary>
internal static class EventFormat
{
    public static void WriteRunStarted(this BinaryWriter writer, RunStarted started)
    {
        writer.WriteRunSettings(started.Settings);
        writer.WriteFloats(started.InitialPhi);
        writer.WriteOptional(started.Fit, RunControlFormat.WriteInitialFit);
    }

    public static RunStarted ReadRunStarted(this BinaryReader reader) =>
        new(reader.ReadRunSettings(), reader.ReadFloats(), reader.ReadOptional(RunControlFormat.ReadInitialFit));

    public static RunStarted ReadRunStartedV1(this BinaryReader reader) =>
        new(reader.ReadRunSettingsV1(), reader.ReadFloats(), reader.ReadOptional(RunControlFormat.ReadInitialFit));

    public static void WriteGenerationStarted(this BinaryWriter writer, GenerationStarted started)
    {
        writer.Write(started.Generation);
        writer.WriteGenomes(started.Candidates);
    }

    public static GenerationStarted ReadGenerationStarted(this BinaryReader reader) =>
        new(reader.ReadInt64(), reader.ReadGenomes());

    public static void WriteEpisodeCompleted(this BinaryWriter writer, EpisodeCompleted completed)
    {
        writer.Write(completed.Generation);
        writer.Write(completed.Candidate);
        writer.Write(completed.Episode);
        writer.Write(completed.Fitness);
        writer.WriteEnum(completed.Outcome);
    }

    public static EpisodeCompleted ReadEpisodeCompleted(this BinaryReader reader) => new(
        reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadEnum<EpisodeOutcome>());

    public static void WriteMetaValidationEpisodeCompleted(this BinaryWriter writer, MetaValidationEpisodeCompleted completed)
    {
        writer.Write(completed.Generation);
        writer.Write(completed.Candidate);
        writer.Write(completed.Episode);
        writer.Write(completed.Fitness);
        writer.WriteEnum(completed.Outcome);
    }

    public static MetaValidationEpisodeCompleted ReadMetaValidationEpisodeCompleted(this BinaryReader reader) => new(
        reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadEnum<EpisodeOutcome>());

    public static void WriteCandidatesValidated(this BinaryWriter writer, CandidatesValidated validated)
    {
        writer.Write(validated.Generation);
        writer.WriteList(validated.Scores, (w, score) =>
        {
            w.Write(score.Candidate);
            w.Write(score.Score);
        });
    }

    public static CandidatesValidated ReadCandidatesValidated(this BinaryReader reader) =>
        new(reader.ReadInt64(), reader.ReadList(r => new ValidationScore(r.ReadInt32(), r.ReadDouble())));

    public static void WriteGenerationCompleted(this BinaryWriter writer, GenerationCompleted completed)
    {
        writer.Write(completed.Generation);
        writer.WriteInts(completed.SurvivorIndices);
        writer.Write(completed.BestFitness);
        writer.Write(completed.MeanFitness);
        writer.Write(completed.FlaggedEpisodes);
    }

    public static GenerationCompleted ReadGenerationCompleted(this BinaryReader reader) => new(
        reader.ReadInt64(), reader.ReadInts(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32());
}

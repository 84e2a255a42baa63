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
        writer.WriteOptional(started.Run, RunControlFormat.WriteRunId);
    }

    public static RunStarted ReadRunStarted(this BinaryReader reader) =>
        new(reader.ReadRunSettings(), reader.ReadFloats(), reader.ReadOptional(RunControlFormat.ReadInitialFit))
        {
            Run = reader.ReadOptional(RunControlFormat.ReadRunId),
        };

    /// <summary>A start journaled before search strategies and task distributions (RS4): the run is (mu+lambda) on its template alone.</summary>
    public static RunStarted ReadRunStartedV4(this BinaryReader reader) =>
        new(reader.ReadRunSettingsV4(), reader.ReadFloats(), reader.ReadOptional(RunControlFormat.ReadInitialFit))
        {
            Run = reader.ReadOptional(RunControlFormat.ReadRunId),
        };

    /// <summary>A start journaled before batch sizes (RS3): the run computes groups of one.</summary>
    public static RunStarted ReadRunStartedV3(this BinaryReader reader) =>
        new(reader.ReadRunSettingsV3(), reader.ReadFloats(), reader.ReadOptional(RunControlFormat.ReadInitialFit))
        {
            Run = reader.ReadOptional(RunControlFormat.ReadRunId),
        };

    /// <summary>A start journaled before run ids and dataset fingerprints (RS2).</summary>
    public static RunStarted ReadRunStartedV2(this BinaryReader reader) =>
        new(reader.ReadRunSettingsV2(), reader.ReadFloats(), reader.ReadOptional(RunControlFormat.ReadInitialFit));

    public static RunStarted ReadRunStartedV1(this BinaryReader reader) =>
        new(reader.ReadRunSettingsV1(), reader.ReadFloats(), reader.ReadOptional(RunControlFormat.ReadInitialFit));

    public static void WriteGenerationStarted(this BinaryWriter writer, GenerationStarted started)
    {
        writer.Write(started.Generation);
        writer.WriteGenomes(started.Candidates);
    }

    public static GenerationStarted ReadGenerationStarted(this BinaryReader reader) =>
        new(reader.ReadInt64(), reader.ReadGenomes());

    public static void WriteEpisodeCompleted(this BinaryWriter writer, EpisodeCompleted completed) =>
        writer.WriteResult(completed.Generation, completed.Candidate, completed.Episode, completed.Fitness, completed.Outcome);

    public static EpisodeCompleted ReadEpisodeCompleted(this BinaryReader reader) =>
        reader.ReadResult((g, c, e, fitness, outcome) => new EpisodeCompleted(g, c, e, fitness, outcome));

    public static void WriteMetaValidationEpisodeCompleted(this BinaryWriter writer, MetaValidationEpisodeCompleted completed) =>
        writer.WriteResult(completed.Generation, completed.Candidate, completed.Episode, completed.Fitness, completed.Outcome);

    public static MetaValidationEpisodeCompleted ReadMetaValidationEpisodeCompleted(this BinaryReader reader) =>
        reader.ReadResult((g, c, e, fitness, outcome) => new MetaValidationEpisodeCompleted(g, c, e, fitness, outcome));

    /// <summary>The layout both kinds of episode result share.</summary>
    private static void WriteResult(this BinaryWriter writer, long generation, int candidate, int episode, double fitness, EpisodeOutcome outcome)
    {
        writer.Write(generation);
        writer.Write(candidate);
        writer.Write(episode);
        writer.Write(fitness);
        writer.WriteEnum(outcome);
    }

    private static T ReadResult<T>(this BinaryReader reader, Func<long, int, int, double, EpisodeOutcome, T> create) =>
        create(reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadEnum<EpisodeOutcome>());

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

    public static void WriteRunExtended(this BinaryWriter writer, RunExtended extended) => writer.Write(extended.Generations);

    /// <summary>A count no run could have been started with is corrupt input, not a run to go on with.</summary>
    public static RunExtended ReadRunExtended(this BinaryReader reader)
    {
        var generations = reader.ReadInt32();
        return generations > 0 ? new RunExtended(generations) : throw new InvalidDataException($"a run extended to {generations} generations");
    }
}

using System.Collections.Immutable;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writer and reader of the population actor's snapshot.</summary>
internal static class SnapshotFormat
{
    public static void WritePopulationState(this BinaryWriter writer, PopulationState state)
    {
        writer.WriteOptional(state.Settings, RunControlFormat.WriteRunSettings);
        writer.WriteOptional(state.Population, TrainingTypesFormat.WritePopulation);
        writer.WriteOptional(state.Candidates, TrainingTypesFormat.WriteGenomes);
        writer.WriteList([.. state.Results.Values], EventFormat.WriteEpisodeCompleted);
        writer.WriteList(state.History, RunControlFormat.WriteGenerationSummary);
        writer.Write(state.EpisodesCompleted);
    }

    public static PopulationState ReadPopulationState(this BinaryReader reader) => new(
        reader.ReadOptional(RunControlFormat.ReadRunSettings),
        reader.ReadOptional(TrainingTypesFormat.ReadPopulation),
        reader.ReadOptional(TrainingTypesFormat.ReadGenomes),
        reader.ReadList(EventFormat.ReadEpisodeCompleted).ToImmutableDictionary(result => result.Key),
        [.. reader.ReadList(RunControlFormat.ReadGenerationSummary)],
        reader.ReadInt64());
}

using System.Collections.Immutable;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Evolution;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writer and reader of the population actor's snapshot.</summary>
internal static class SnapshotFormat
{
    public static void WritePopulationState(this BinaryWriter writer, PopulationState state)
    {
        writer.WriteOptional(state.Settings, RunControlFormat.WriteRunSettings);
        writer.WriteOptional(state.Search, SearchStateFormat.WriteSearchState);
        writer.WriteOptional(state.Candidates, TrainingTypesFormat.WriteGenomes);
        writer.WriteList([.. state.Results.Values], EventFormat.WriteEpisodeCompleted);
        writer.WriteList(state.History, RunControlFormat.WriteGenerationSummary);
        writer.Write(state.EpisodesCompleted);
        writer.WriteList([.. state.ValidationResults.Values], EventFormat.WriteMetaValidationEpisodeCompleted);
        writer.WriteList(state.Validated, RunControlFormat.WriteValidatedMln);
    }

    public static PopulationState ReadPopulationState(this BinaryReader reader) =>
        reader.ReadPopulationState(RunControlFormat.ReadRunSettings, SearchStateFormat.ReadSearchState);

    /// <summary>A snapshot taken before search strategies and task distributions (PS4): version-4 settings and the (mu+lambda) parents.</summary>
    public static PopulationState ReadPopulationStateV4(this BinaryReader reader) =>
        reader.ReadPopulationState(RunControlFormat.ReadRunSettingsV4, TrainingTypesFormat.ReadPopulation);

    /// <summary>A snapshot taken before batch sizes (PS3): the layout of PS4 with version-3 settings.</summary>
    public static PopulationState ReadPopulationStateV3(this BinaryReader reader) =>
        reader.ReadPopulationState(RunControlFormat.ReadRunSettingsV3, TrainingTypesFormat.ReadPopulation);

    /// <summary>A snapshot taken before dataset fingerprints (PS2): the layout of PS4 with version-2 settings.</summary>
    public static PopulationState ReadPopulationStateV2(this BinaryReader reader) =>
        reader.ReadPopulationState(RunControlFormat.ReadRunSettingsV2, TrainingTypesFormat.ReadPopulation);

    private static PopulationState ReadPopulationState(
        this BinaryReader reader, Func<BinaryReader, RunSettings> readSettings, Func<BinaryReader, SearchState> readSearch) => new PopulationState(
        reader.ReadOptional(readSettings),
        reader.ReadOptional(readSearch),
        reader.ReadOptional(TrainingTypesFormat.ReadGenomes),
        reader.ReadList(EventFormat.ReadEpisodeCompleted).ToImmutableDictionary(result => result.Key),
        [.. reader.ReadList(RunControlFormat.ReadGenerationSummary)],
        reader.ReadInt64())
    {
        ValidationResults = reader.ReadList(EventFormat.ReadMetaValidationEpisodeCompleted).ToImmutableDictionary(result => result.Key),
        Validated = [.. reader.ReadList(RunControlFormat.ReadValidatedMln)],
    };

    /// <summary>A snapshot taken before meta-validation existed (PS1).</summary>
    public static PopulationState ReadPopulationStateV1(this BinaryReader reader) => new(
        reader.ReadOptional(RunControlFormat.ReadRunSettingsV1),
        reader.ReadOptional(TrainingTypesFormat.ReadPopulation),
        reader.ReadOptional(TrainingTypesFormat.ReadGenomes),
        reader.ReadList(EventFormat.ReadEpisodeCompleted).ToImmutableDictionary(result => result.Key),
        [.. reader.ReadList(RunControlFormat.ReadGenerationSummaryV1)],
        reader.ReadInt64());
}

using MetaLoss.Training.Evolution;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writer and reader of a search strategy's state, as the snapshot (PS5 on) holds it: a tag, then the state.</summary>
internal static class SearchStateFormat
{
    // Tags of the state kinds; fixed forever, since snapshots hold them.
    private const byte PopulationTag = 0;
    private const byte CmaEsTag = 1;

    public static void WriteSearchState(this BinaryWriter writer, SearchState state)
    {
        switch (state)
        {
            case Training.Evolution.Population population:
                writer.Write(PopulationTag);
                writer.WritePopulation(population);
                break;
            case CmaEsState cma:
                writer.Write(CmaEsTag);
                writer.Write(cma.Generation);
                writer.WriteDoubles(cma.Mean);
                writer.Write(cma.StepSize);
                writer.WriteDoubles(cma.Variances);
                writer.WriteDoubles(cma.StepSizePath);
                writer.WriteDoubles(cma.CovariancePath);
                break;
            default:
                throw new ArgumentException($"No wire format for search state {state.GetType().Name}", nameof(state));
        }
    }

    public static SearchState ReadSearchState(this BinaryReader reader) => reader.ReadByte() switch
    {
        PopulationTag => reader.ReadPopulation(),
        CmaEsTag => new CmaEsState(reader.ReadInt64(), reader.ReadDoubles(), reader.ReadDouble(), reader.ReadDoubles(), reader.ReadDoubles(), reader.ReadDoubles()),
        var tag => throw new InvalidDataException($"unknown search state tag {tag}"),
    };
}

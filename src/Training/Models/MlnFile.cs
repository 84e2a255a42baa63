using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaLoss.Training.Models;

/// <summary>
/// A learned loss on disk: a self-describing JSON file with the architecture and the flat
/// parameter vector, loadable into a <see cref="MetaLossNetwork"/> by any TorchSharp program.
/// </summary>
/// <param name="Usage">How to use the loss, for a reader of the file (written by `metaloss export`).</param>
public sealed record MlnFile(string Format, MlnArchitecture Architecture, float[] Parameters, string? Note = null, string? Usage = null)
{
    public const string CurrentFormat = "metaloss-mln/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static MlnFile For(MlnArchitecture architecture, float[] parameters, string? note = null) =>
        new(CurrentFormat, architecture, parameters, note);

    /// <summary>Replaces the file atomically and durably: a crash leaves the old file or the new, whole.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Options));

    public static MlnFile Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such MLN file");
        MlnFile? file;
        try
        {
            file = JsonSerializer.Deserialize<MlnFile>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not an MLN file ({e.Message})");
        }
        if (file is null || file.Format != CurrentFormat)
            throw new InvalidDataException($"{path}: expected format '{CurrentFormat}', found '{file?.Format}'");
        if (file.Parameters.Length != file.Architecture.ParameterCount)
            throw new InvalidDataException($"{path}: {file.Parameters.Length} parameters, the architecture needs {file.Architecture.ParameterCount}");
        return file;
    }

    public MetaLossNetwork CreateLoss() => new(Architecture, Parameters);
}

using System.Globalization;
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

    private const long MaxFileBytes = 64L << 20;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static MlnFile For(MlnArchitecture architecture, float[] parameters, string? note = null) =>
        new(CurrentFormat, architecture, parameters, note);

    /// <summary>Replaces the file atomically and durably: a crash leaves the old file or the new, whole.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>The file's text, for a program that sends it instead of saving it (the service's download).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads and checks a file: anything wrong is an <see cref="InvalidDataException"/> naming the file and the field.</summary>
    public static MlnFile Load(string path)
    {
        MlnFile? file;
        try
        {
            file = JsonSerializer.Deserialize<MlnFile>(ReadText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not an MLN file ({e.Message})");
        }
        if (file is null) throw new InvalidDataException($"{path}: not an MLN file (JSON null)");
        if (file.Format != CurrentFormat)
            throw new InvalidDataException($"{path}: format: expected '{CurrentFormat}', found {(file.Format is null ? "none" : $"'{file.Format}'")}");
        if (file.Architecture is null) throw new InvalidDataException($"{path}: architecture: missing");
        foreach (var (name, size) in file.Architecture.LayerSizes)
        {
            if (size is <= 0 or > MlnArchitecture.MaxLayerSize)
                throw new InvalidDataException($"{path}: architecture.{Options.PropertyNamingPolicy!.ConvertName(name)} = {size}: " +
                                               $"a layer size must be between 1 and {MlnArchitecture.MaxLayerSize}");
        }
        if (file.Parameters is null) throw new InvalidDataException($"{path}: parameters: missing");
        if (file.Parameters.Length != file.Architecture.ParameterCount)
            throw new InvalidDataException($"{path}: parameters: {file.Parameters.Length} values, the architecture needs {file.Architecture.ParameterCount}");
        var notFinite = Array.FindIndex(file.Parameters, p => !float.IsFinite(p));
        if (notFinite >= 0)
            throw new InvalidDataException($"{path}: parameters[{notFinite}] = {file.Parameters[notFinite].ToString(CultureInfo.InvariantCulture)}: not a finite float");
        return file;
    }

    /// <summary>The file's text, bounded: an MLN of the largest architecture is a few MB.</summary>
    private static string ReadText(string path)
    {
        if (Directory.Exists(path)) throw new InvalidDataException($"{path}: is a directory, not an MLN file");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such MLN file");
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
                throw new InvalidDataException($"{path}: {length:N0} bytes; an MLN file is at most {MaxFileBytes:N0}");
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read it ({e.Message})");
        }
    }

    public MetaLossNetwork CreateLoss() => new(Architecture, Parameters);
}

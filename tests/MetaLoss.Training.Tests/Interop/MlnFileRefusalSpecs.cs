using System.Text.Json;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>
/// python/metaloss_mln.py refuses anything but a well-formed metaloss-mln/1 file with a ValueError
/// that names the file and the field, and a loss with a progress input refuses a call without the
/// progress. One Python run tries every case (starting PyTorch is slow).
/// </summary>
public class MlnFileRefusalSpecs(MlnFileRefusalSpecs.Attempts attempts) : IClassFixture<MlnFileRefusalSpecs.Attempts>
{
    private static readonly string Valid = ValidDocument(MlnArchitecture.Default);
    private static readonly string ValidWithProgress = ValidDocument(MlnArchitecture.Default with { ProgressInput = true });

    /// <summary>Per case: the file's content, and what the message must say.</summary>
    private static readonly Dictionary<string, (string Content, string Expected)> BadFiles = new()
    {
        ["not JSON"] = ("this is not JSON", "not JSON"),
        ["empty file"] = ("", "not JSON"),
        ["JSON nested too deeply to parse"] = (new string('[', 100_000) + new string(']', 100_000), "not JSON"),
        ["JSON but not an object"] = ("[1, 2, 3]", "expected a JSON object"),
        ["format missing"] = (Without("format"), "field 'format' is missing"),
        ["another format"] = (Valid.Replace("metaloss-mln/1", "metaloss-mln/2"), "field 'format' is 'metaloss-mln/2'"),
        ["architecture missing"] = (Without("architecture"), "field 'architecture' is missing"),
        ["architecture not an object"] = (Valid.Replace("\"architecture\": {", "\"architecture\": [{").Replace("},\n  \"parameters\"", "}],\n  \"parameters\""), "field 'architecture' must be an object"),
        ["layer size missing"] = (Valid.Replace("\"target_hidden\": 8,", ""), "field 'architecture.target_hidden' is missing"),
        ["layer size zero"] = (Valid.Replace("\"prediction_hidden\": 8", "\"prediction_hidden\": 0"), "field 'architecture.prediction_hidden' must be a positive integer"),
        ["layer size negative"] = (Valid.Replace("\"integration_channels\": 8", "\"integration_channels\": -8"), "field 'architecture.integration_channels' must be a positive integer"),
        ["layer size fractional"] = (Valid.Replace("\"target_hidden\": 8", "\"target_hidden\": 8.5"), "field 'architecture.target_hidden' must be a positive integer"),
        ["layer size too large for the parameters"] = (Valid.Replace("\"target_hidden\": 8", "\"target_hidden\": 9"), "field 'parameters' has 91 values, the architecture needs 94"),
        ["parameters missing"] = (Without("parameters"), "field 'parameters' is missing"),
        ["parameters not a list"] = (Valid[..Valid.IndexOf("\"parameters\"")] + "\"parameters\": 1.5\n}", "field 'parameters' must be a list"),
        ["one parameter short"] = (Valid.Replace("[\n    0.1,", "["), "field 'parameters' has 90 values, the architecture needs 91"),
        ["a NaN parameter"] = (ReplaceParameter(3, "NaN"), "field 'parameters[3]' is nan"),
        ["an infinite parameter"] = (ReplaceParameter(4, "-Infinity"), "field 'parameters[4]' is -inf"),
        ["a parameter beyond float32"] = (ReplaceParameter(5, "1e39"), "field 'parameters[5]' is 1e+39, not a finite float32"),
        ["a parameter that is text"] = (ReplaceParameter(6, "\"0.5\""), "field 'parameters[6]' is '0.5', not a number"),
        ["progress input not true or false"] = (ValidWithProgress.Replace("\"progress_input\": true", "\"progress_input\": 1"), "field 'architecture.progress_input' must be true or false, got 1"),
        ["progress input without its weights"] = (Valid.Replace("\"integration_channels\": 8", "\"integration_channels\": 8, \"progress_input\": true"), "field 'parameters' has 91 values, the architecture needs 99"),
    };

    public static TheoryData<string> BadFileNames => [.. BadFiles.Keys];

    [Theory]
    [MemberData(nameof(BadFileNames))]
    public void Should_refuse_a_malformed_file_with_a_value_error_naming_the_file_and_field(string name)
    {
        var result = attempts.For(name);
        Assert.Equal("ValueError", result.Error);
        Assert.StartsWith($"{result.Path}: ", result.Message);
        Assert.Contains(BadFiles[name].Expected, result.Message);
    }

    [Fact]
    public void Should_load_the_well_formed_file_the_bad_ones_are_made_from_and_compute_it_without_a_progress()
    {
        var result = attempts.For(Attempts.ValidCase);
        Assert.True(result.Error is null, result.Message);
        Assert.True(result.Call is { Error: null }, result.Call?.Message);
    }

    [Fact]
    public void Should_refuse_to_compute_a_loss_with_a_progress_input_called_without_the_progress()
    {
        var result = attempts.For(Attempts.ValidWithProgressCase);
        Assert.True(result.Error is null, result.Message);
        Assert.Equal("ValueError", result.Call?.Error);
        Assert.Contains("this MLN has a progress input: call it with progress=step / steps", result.Call!.Message);
    }

    private static string ValidDocument(MlnArchitecture architecture)
    {
        var path = Path.GetTempFileName();
        var phi = Enumerable.Repeat(0.1f, architecture.ParameterCount).ToArray();
        MlnFile.For(architecture, phi, "valid").Save(path);
        var text = File.ReadAllText(path);
        File.Delete(path);
        return text;
    }

    private static string Without(string field)
    {
        using var document = JsonDocument.Parse(Valid);
        var kept = document.RootElement.EnumerateObject().Where(p => p.Name != field).ToDictionary(p => p.Name, p => p.Value);
        return JsonSerializer.Serialize(kept);
    }

    private static string ReplaceParameter(int index, string token)
    {
        using var document = JsonDocument.Parse(Valid);
        var values = document.RootElement.GetProperty("parameters").EnumerateArray().Select(v => v.GetRawText()).ToArray();
        values[index] = token;
        var start = Valid.IndexOf("\"parameters\"");
        return Valid[..start] + $"\"parameters\": [{string.Join(", ", values)}]\n}}";
    }

    /// <summary>What mln_refusals.py reported for one file, and for a call without a progress when the file loaded.</summary>
    public sealed record Attempt(string Path, string? Error, string Message, CallAttempt? Call);

    /// <summary>What calling a loaded loss on a tiny batch without a progress did.</summary>
    public sealed record CallAttempt(string? Error, string Message);

    /// <summary>Writes every case's file and runs the Python loader on all of them at once.</summary>
    public sealed class Attempts : IDisposable
    {
        public const string ValidCase = "valid";
        public const string ValidWithProgressCase = "valid with a progress input";
        private readonly ScratchDirectory _scratch = new("mln-refusals");
        private readonly Dictionary<string, Attempt> _byCase;

        public Attempts()
        {
            var files = BadFiles.Select(c => (Case: c.Key, c.Value.Content))
                .Append((Case: ValidCase, Content: Valid)).Append((Case: ValidWithProgressCase, Content: ValidWithProgress))
                .Select((c, i) => (c.Case, Path: _scratch.File($"case{i}.json"), c.Content))
                .ToList();
            foreach (var file in files) File.WriteAllText(file.Path, file.Content);
            var output = PyTorch.RunScript("mln_refusals.py", [.. files.Select(f => f.Path)]);
            var attempts = JsonSerializer.Deserialize<Attempt[]>(output, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
            _byCase = files.Zip(attempts).ToDictionary(pair => pair.First.Case, pair => pair.Second);
        }

        public Attempt For(string name) => _byCase[name];

        public void Dispose() => _scratch.Dispose();
    }
}

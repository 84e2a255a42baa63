using System.Text.Json.Nodes;

namespace MetaLoss.Host.Tests;

/// <summary>
/// A run's best-mln.json that is not a usable MLN stops `export` and `evaluate` with one line naming
/// the file and the field, exit 2, and no stack trace.
/// </summary>
[Collection(EvolvedRunCollection.Name)]
public class BadMlnFileSpecs(EvolvedRun run)
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("no-parameters", "parameters: missing")]
    [InlineData("parameter-1e39", "parameters[3] = Infinity: not a finite float")]
    [InlineData("negative-layer", "architecture.prediction_hidden = -4: a layer size must be between 1 and 4096")]
    [InlineData("zero-layer", "architecture.target_hidden = 0: a layer size must be between 1 and 4096")]
    [InlineData("2gb-layer", "architecture.integration_channels = 2000000000: a layer size must be between 1 and 4096")]
    [InlineData("one-parameter-short", "parameters: 98 values, the architecture needs 99")]
    [InlineData("unknown-format", "format: expected 'metaloss-mln/1', found 'metaloss-mln/7'")]
    [InlineData("no-format", "format: expected 'metaloss-mln/1', found none")]
    [InlineData("no-architecture", "architecture: missing")]
    [InlineData("truncated", "not an MLN file (")]
    [InlineData("json-null", "not an MLN file (JSON null)")]
    [InlineData("text-parameter", "not an MLN file (The JSON value could not be converted")]
    [InlineData("empty", "not an MLN file (")]
    public void Should_refuse_a_bad_best_mln_file_in_export_and_evaluate(string fault, string message)
    {
        var directory = CopyOfRun();
        var file = Path.Combine(directory, "best-mln.json");
        File.WriteAllText(file, Broken(File.ReadAllText(file), fault));

        foreach (var command in new[] { "export", "evaluate" })
        {
            string[] args = command == "export"
                ? ["export", "--run", directory, "--out", Path.Combine(directory, "exported.json")]
                : ["evaluate", "--run", directory, "--cifar10-dir", SharedData.Cifar10Directory, "--episodes", "2"];
            var (code, output) = MetalossProcess.Run(Quick, args);
            Assert.True(code == 2, output);
            var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"metaloss: {file}: {message}", line);
        }
        Assert.False(File.Exists(Path.Combine(directory, "exported.json")));
    }

    private static string Broken(string json, string fault)
    {
        var mln = JsonNode.Parse(json)!.AsObject();
        var parameters = mln["parameters"]!.AsArray();
        var architecture = mln["architecture"]!.AsObject();
        switch (fault)
        {
            case "no-parameters": mln.Remove("parameters"); break;
            case "parameter-1e39": return WithRawParameter(mln, 3, "1e39");
            case "negative-layer": architecture["prediction_hidden"] = -4; break;
            case "zero-layer": architecture["target_hidden"] = 0; break;
            case "2gb-layer": architecture["integration_channels"] = 2_000_000_000; break;
            case "one-parameter-short": parameters.RemoveAt(parameters.Count - 1); break;
            case "unknown-format": mln["format"] = "metaloss-mln/7"; break;
            case "no-format": mln.Remove("format"); break;
            case "no-architecture": mln.Remove("architecture"); break;
            case "truncated": return json[..(json.Length / 2)];
            case "json-null": return "null";
            case "text-parameter": parameters[0] = "zero"; break;
            case "empty": return "";
        }
        return ToJson(mln);
    }

    /// <summary>JsonNode cannot hold 1e39 as a float, so the number goes into the text as written.</summary>
    private static string WithRawParameter(JsonObject mln, int index, string raw)
    {
        mln["parameters"]!.AsArray()[index] = 123456.5;
        return ToJson(mln).Replace("123456.5", raw);
    }

    private static string ToJson(JsonObject node) => node.ToJsonString();

    private string CopyOfRun()
    {
        var copy = SmallRun.NewDirectory();
        foreach (var file in Directory.GetFiles(run.Directory)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }
}

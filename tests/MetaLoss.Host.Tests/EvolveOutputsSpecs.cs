using System.Globalization;
using MetaLoss.Training.Models;
using MetaLoss.Host.Api;

namespace MetaLoss.Host.Tests;

/// <summary>What a finished run leaves behind: the MLN chosen on the meta-validation set, and its history.</summary>
[Collection(EvolvedRunCollection.Name)]
public class EvolveOutputsSpecs(EvolvedRun run)
{
    [Fact]
    public async Task Should_write_the_best_mln_on_the_meta_validation_set_as_the_runs_best()
    {
        var state = await SmallRun.State(run.Directory);
        var best = state.BestValidated;

        Assert.NotNull(best);
        Assert.NotEmpty(state.Validated);
        Assert.All(state.Validated, v => Assert.True(v.Score <= best.Score));
        var file = MlnFile.Load(run.BestMlnFile);
        Assert.Equal(best.Genome.Phi, file.Parameters);
        Assert.Contains("meta-validation", file.Note);
    }

    [Fact]
    public async Task Should_record_the_best_meta_validation_score_of_every_generation()
    {
        var state = await SmallRun.State(run.Directory);
        var rows = File.ReadAllLines(Path.Combine(run.Directory, "generations.csv"));

        var header = rows[0].Split(',');
        var column = Array.IndexOf(header, "best_validation_score");
        Assert.True(column >= 0, rows[0]);
        var scores = rows[1..].Select(r => double.Parse(r.Split(',')[column], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(SmallRun.Generations, scores.Count);
        // The best so far never falls, and ends at the run's best.
        Assert.Equal(scores.OrderBy(s => s), scores);
        Assert.Equal(state.BestValidated!.Score, scores[^1]);
    }

    [Fact]
    public void Should_show_the_meta_validation_in_status()
    {
        var (code, output) = MetalossProcess.Run(TimeSpan.FromMinutes(1), ["status", "--run", run.Directory]);

        Assert.True(code == 0, output);
        Assert.Contains("best on meta-validation", output);
        Assert.Contains("best MLN: ", output);
        Assert.Contains("fashion-mnist-meta-validation", output);
        Assert.Contains("meta-training tasks: template dataset; classes 6..10; MLN with the training progress input, " +
                        $"started as {RunRequest.FormatInit(RunRequest.Default.Init)}", output);
    }
}

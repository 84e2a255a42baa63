using System.Text;
using MetaLoss.Host.Evaluation;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using MetaLoss.Training.Statistics;

namespace MetaLoss.Host.Tests;

/// <summary>The tuning CSV and table follow the family registry: every family's grid points, each family's choice marked once.</summary>
public class EvaluationTuningTablesSpecs
{
    /// <summary>Every default grid point of every registered family, the first of each chosen.</summary>
    private static TunedBaselines EveryFamily()
    {
        var rows = BaselineGrid.Default.Candidates()
            .Select((c, i) => new TuningRow(c.Family, c.Setting, new SampleSummary(3, 0.5 + i * 1e-3, 0.01)))
            .ToList();
        return new TunedBaselines(new EpisodeSpec(DatasetName.FashionMnistTrain, new LossSpec.CrossEntropy(), 0, 0), 3,
            [.. BaselineFamilies.All.Select(f => new ChosenBaseline(f, rows.First(r => r.Family == f).Setting))], rows);
    }

    [Fact]
    public void Should_write_every_registered_familys_grid_to_the_tuning_csv()
    {
        var tuned = EveryFamily();
        var lines = Encoding.UTF8.GetString(CsvFiles.Bytes(csv => EvaluationCsv.Tuning(csv, tuned))).TrimEnd('\n').Split('\n');
        var records = lines[1..].Select(l => l.Split(',')).ToList();

        Assert.Equal(tuned.Grid.Count, records.Count);
        Assert.Equal(BaselineFamilies.All.Select(f => f.Name), records.Select(r => r[0]).Distinct());
        foreach (var family in BaselineFamilies.All)
            Assert.Single(records, r => r[0] == family.Name && r[^1] == "true");
        Assert.Contains(records, r => r[1] == "focal γ=8" && r[3] == "cosine decay to 0.25x");
    }

    [Fact]
    public void Should_show_every_registered_family_in_the_tuning_table()
    {
        var table = EvaluationMarkdown.TuningTable(EveryFamily());
        foreach (var family in BaselineFamilies.All)
            Assert.Contains($"| {family.Title} |", table);
        Assert.Equal(BaselineFamilies.All.Count, table.Split("**yes**").Length - 1);
        Assert.Contains("| Poly-1, decaying lr | Poly-1 ε=-0.5 lr 0.8, cosine decay to 0.25x |", table);
    }
}

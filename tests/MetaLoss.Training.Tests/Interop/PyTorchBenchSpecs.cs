using System.Globalization;
using System.Text.RegularExpressions;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>
/// python/bench_episode.py, the plain PyTorch script `scripts/bench-pytorch` times: its episodes
/// must really train, or its episodes per second would flatter it.
/// </summary>
public class PyTorchBenchSpecs
{
    [Fact]
    public void Should_time_episodes_that_train_to_what_cross_entropy_reaches_in_twenty_steps()
    {
        var output = PyTorch.Run(Path.Combine(PyTorch.ModuleDirectory, "bench_episode.py"), ["--seconds", "0", "--ceiling-size", "256"]);

        var rows = Regex.Matches(output, @"^  (CE|MLN) +([\d.]+) episodes/s \((\d+) episodes, mean validation accuracy ([\d.]+)\)$", RegexOptions.Multiline);
        Assert.True(rows.Count == 2, output);
        Assert.Equal(["CE", "MLN"], rows.Select(r => r.Groups[1].Value));
        Assert.All(rows, r => Assert.True(double.Parse(r.Groups[2].Value, CultureInfo.InvariantCulture) > 0, output));
        // Cross-entropy at lr 0.2 for 20 steps on 20 rows per class: about 0.6 (the README's calibration), far above chance (0.1).
        Assert.InRange(double.Parse(rows[0].Groups[4].Value, CultureInfo.InvariantCulture), 0.45, 0.75);
    }
}

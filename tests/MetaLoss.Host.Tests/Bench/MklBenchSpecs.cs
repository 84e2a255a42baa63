using System.Text.RegularExpressions;
using MetaLoss.Training.Mkl;

namespace MetaLoss.Host.Tests.Bench;

/// <summary>
/// `metaloss bench` as a user runs it: which MKL path is active and why, the floor, and the same
/// measured with the fast path off in a child process; a bad switch or --mkl value is refused.
/// (Whether auto loads the override on this machine's CPU is MetaLoss.Training.Tests' MklFastPathSpecs.)
/// </summary>
public class MklBenchSpecs
{
    private const string Variable = MklFastPathSwitches.EnvironmentVariable;

    /// <summary>The smallest bench: one round, a few episodes, a small ceiling, no actor-overhead or memory run.</summary>
    private static readonly string[] TinyBench =
    [
        "bench", "--lone-episodes", "1", "--batched-episodes", "1", "--sizes", "1", "--rounds", "1", "--ceiling-size", "256",
        "--memory-episodes", "0", "--overhead-generations", "0",
    ];

    [Fact]
    public void Should_force_the_override_before_libtorch_and_measure_again_without_it_in_a_child()
    {
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, new Dictionary<string, string?> { [Variable] = "on" }, TinyBench);

        Assert.True(code == 0, output);
        var lines = output.Split('\n');
        var on = Assert.Single(lines, l => l.StartsWith("MKL code path: ", StringComparison.Ordinal));
        var answered = Regex.Match(on, @"override on \(forced by METALOSS_MKL_FAST_PATH=on\); loaded before libtorch, mapped in this process, answered MKL's vendor check (\d+) times");
        Assert.True(answered.Success, on);
        Assert.True(long.Parse(answered.Groups[1].Value) > 0, on);

        var off = Assert.Single(lines, l => l.StartsWith("  MKL code path: ", StringComparison.Ordinal));
        Assert.Contains("override off (turned off by METALOSS_MKL_FAST_PATH=off); not mapped in this process", off);
        Assert.Equal(2, lines.Count(l => l.Contains("floor (the episode's matrix products alone at the ceiling): ")));
        Assert.Equal(2, lines.Count(l => Regex.IsMatch(l, @"^\s*one at a time\s+1\s+-\s+1\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\d+ %\s+1\.00x$")));
    }

    [Fact]
    public void Should_refuse_a_switch_other_than_auto_on_or_off()
    {
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, new Dictionary<string, string?> { [Variable] = "fast" }, TinyBench);

        Assert.Equal(2, code);
        Assert.Equal("metaloss: METALOSS_MKL_FAST_PATH must be auto, on or off, got 'fast'", output.Trim());
    }

    [Fact]
    public void Should_refuse_an_mkl_option_other_than_auto_off_or_both()
    {
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, [.. TinyBench, "--mkl", "on"]);

        Assert.Equal(2, code);
        Assert.Equal("metaloss: --mkl must be auto, off or both, got 'on'", output.Trim());
    }
}

using System.Text.RegularExpressions;
using MetaLoss.Training.Memory;
using MetaLoss.Training.Mkl;

namespace MetaLoss.Host.Tests.Bench;

/// <summary>
/// `metaloss bench` as a user runs it: which MKL path is active and why, how the heap is set up, the
/// floor, and the same measured with the fast path off in a child process; a bad switch or --mkl value
/// is refused.
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

        Assert.Contains("heap: glibc malloc reuses freed blocks up to 32 MB (mmap threshold 32 MB, trim threshold 64 MB); on (METALOSS_HEAP_TUNING=on|off)", lines);

        var off = Assert.Single(lines, l => l.StartsWith("  MKL code path: ", StringComparison.Ordinal));
        Assert.Contains("override off (turned off by METALOSS_MKL_FAST_PATH=off); not mapped in this process", off);
        Assert.Equal(2, lines.Count(l => l.Contains("floor (the episode's matrix products alone at the ceiling): ")));
        Assert.Equal(2, lines.Count(l => Regex.IsMatch(l, @"^\s*one at a time\s+1\s+-\s+1\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\d+ %\s+1\.00x$")));

        // The proxy's bound: a paired group of 128 tiny episodes' products (hidden 16, 20 training and
        // 60 validation rows, 3 steps, MLN 8-8-8) counted here by hand, at the 1-thread ceiling the bench
        // printed. The first layer is in row form; the group shares its Gram matrix, X W0, V W0 and V X^T,
        // and each member takes G D each step, its other layers and loss, (V X^T) D, and its norm from D.
        const double sharedFlops = 2 * 20 * 20 * 784 + 2 * 20 * 784 * 16 + 2 * 60 * 784 * 16 + 2 * 60 * 20 * 784;
        const double memberFlops = 3 * (2 * 20 * 20 * 16 + 3 * 2 * 20 * 416 + 2 * 200 * (3 * 8 + 2 * 8 + 3 * 8) + 2 * 200 * (3 * 8 + 3 * 8))
                                   + 2 * 60 * 20 * 16 + 2 * 60 * 416 + 2 * 20 * 20 * 16;
        var ceiling = Regex.Match(Assert.Single(lines, l => l.StartsWith("ceiling: ", StringComparison.Ordinal)), @"= ([\d.]+) GFLOP/s on 1 thread");
        var proxy = Regex.Match(Assert.Single(lines, l => l.StartsWith("  1 torch thread(s): ", StringComparison.Ordinal)),
            @"P=1 +([\d.]+) ms, .* products alone at the ceiling: ([\d.]+) ms, so no group of 128 can be under ([\d.]+)x here$");
        Assert.True(ceiling.Success && proxy.Success, output);
        var floorMs = (sharedFlops + 128 * memberFlops) / (double.Parse(ceiling.Groups[1].Value) * 1e9) * 1000;
        Assert.InRange(double.Parse(proxy.Groups[2].Value), floorMs * 0.99, floorMs * 1.01);
        // The bound is printed to three decimals, P = 1 to two: a few percent, and half a last digit.
        var bound = floorMs / double.Parse(proxy.Groups[1].Value);
        Assert.InRange(double.Parse(proxy.Groups[3].Value), bound * 0.98 - 0.0005, bound * 1.02 + 0.0005);
    }

    [Fact]
    public void Should_refuse_a_switch_other_than_auto_on_or_off()
    {
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, new Dictionary<string, string?> { [Variable] = "fast" }, TinyBench);

        Assert.Equal(2, code);
        Assert.Equal("metaloss: METALOSS_MKL_FAST_PATH must be auto, on or off, got 'fast'", output.Trim());
    }

    [Fact]
    public void Should_refuse_a_heap_switch_other_than_on_or_off()
    {
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, new Dictionary<string, string?> { [HeapTuningDecision.EnvironmentVariable] = "auto" }, TinyBench);

        Assert.Equal(2, code);
        Assert.Equal("metaloss: METALOSS_HEAP_TUNING must be on or off, got 'auto'", output.Trim());
    }

    [Fact]
    public void Should_refuse_an_mkl_option_other_than_auto_off_or_both()
    {
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, [.. TinyBench, "--mkl", "on"]);

        Assert.Equal(2, code);
        Assert.Equal("metaloss: --mkl must be auto, off or both, got 'on'", output.Trim());
    }
}

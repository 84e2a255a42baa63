using System.Runtime.InteropServices;
using MetaLoss.Training.Memory;

namespace MetaLoss.Training.Tests.Memory;

/// <summary>
/// In this test process, as in every program using MetaLoss.Training: glibc takes the thresholds where
/// the switch and environment want them, and then a block up to the threshold comes from the heap even
/// the first time. glibc's default maps every block over 128 KB on its own until a block at least as
/// large has been freed (a larger block may still come from free heap space, so only this side is checked).
/// </summary>
public class HeapTuningSpecs
{
    private const int Megabyte = 1 << 20;

    private static readonly HeapTuningDecision? ForThisProcess =
        HeapTuningDecision.Decide(Environment.GetEnvironmentVariable, OperatingSystem.IsLinux(), out _);

    [Fact]
    public void Should_tune_exactly_where_the_switch_and_environment_want_it()
    {
        var status = HeapTuning.Ensure();

        Assert.Equal(ForThisProcess, status.Decision);
        Assert.True(status.Applied == (ForThisProcess?.Apply ?? false), status.Problem);
    }

    [Theory]
    [InlineData(3 * Megabyte / 2 + 1234)]
    [InlineData(11 * Megabyte + 4321)]
    [InlineData(HeapTuning.MmapThresholdBytes - 65536 + 7)]
    public void Should_serve_a_block_up_to_the_threshold_from_the_heap_the_first_time(int bytes)
    {
        RequireTuning();

        Assert.False(OnThread(() => Mapped(bytes)), $"a block of {bytes} bytes was mapped on its own");
    }

    private static void RequireTuning() =>
        Assert.True(ForThisProcess?.Apply, $"these specs run with the tuning on; here the heap is {HeapTuning.Ensure().Describe()}");

    /// <summary>On a fresh thread, as an evaluator slot's episodes run.</summary>
    private static T OnThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }

    /// <summary>Whether malloc mapped a block of that size on its own: glibc's chunk header, just before the block, has bit 2 for that.</summary>
    private static bool Mapped(int bytes)
    {
        var block = Marshal.AllocHGlobal(bytes);
        try
        {
            return (Marshal.ReadInt64(block, -8) & 2) != 0;
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }
}

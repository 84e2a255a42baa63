using MetaLoss.Training.Mkl;
using TorchSharp;

namespace MetaLoss.Training.Tests.Mkl;

/// <summary>
/// In this test process, as in every program using MetaLoss.Training: the override is loaded (before
/// libtorch, and answering MKL's vendor check) exactly where this machine's CPU and the switch want it,
/// and MKL then runs the path the CPU supports.
/// </summary>
public class MklFastPathSpecs
{
    private static readonly MklFastPathDecision ForThisMachine = MklFastPathDecision.Decide(
        MklFastPathSwitches.Parse(Environment.GetEnvironmentVariable(MklFastPathSwitches.EnvironmentVariable), out _) ?? MklFastPathSwitch.Off,
        CpuFacts.OfThisMachine());

    [Fact]
    public void Should_load_the_override_before_libtorch_exactly_where_the_cpu_wants_it()
    {
        MultiplyWithTorch();
        var status = MklFastPath.Ensure();

        Assert.Equal(ForThisMachine, status.Decision);
        Assert.Equal(ForThisMachine.Load, status.OverrideLoaded);
        Assert.Equal(ForThisMachine.Load, MklFastPath.OverrideMapped());
        if (ForThisMachine.Load)
        {
            Assert.True(status.LoadedBeforeLibtorch, status.Problem);
            Assert.True(MklFastPath.VendorChecksAnswered() > 0, "MKL never called the override: its calls bound to MKL's own vendor check");
        }
        else
        {
            Assert.Equal(0, MklFastPath.VendorChecksAnswered());
        }
    }

    [Fact]
    public void Should_run_mkls_avx512_path_on_a_cpu_with_avx512_unless_switched_off()
    {
        MultiplyWithTorch();
        var cpu = CpuFacts.OfThisMachine();
        var path = MklCodePath.Describe();

        Assert.DoesNotContain("unknown", path);
        var expectAvx512 = cpu is { HasAvx512Path: true } && (cpu.IsIntel || MklFastPath.Ensure().OverrideLoaded);
        Assert.True(expectAvx512 == path.StartsWith("AVX512", StringComparison.Ordinal), $"{cpu?.Vendor}: MKL code path {path}");
    }

    private static void MultiplyWithTorch()
    {
        using var a = torch.ones(64, 64);
        using var product = a.mm(a);
        Assert.Equal(64f, product[0, 0].item<float>());
    }
}

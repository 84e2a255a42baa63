using MetaLoss.Training.Mkl;

namespace MetaLoss.Training.Tests.Mkl;

/// <summary>Whether MKL's fast path is wanted, decided from /proc/cpuinfo texts of several machines and the switch.</summary>
public class MklFastPathDecisionSpecs
{
    private static MklFastPathDecision Decide(string cpuinfo, MklFastPathSwitch setting = MklFastPathSwitch.Auto) =>
        MklFastPathDecision.Decide(setting, CpuFacts.Parse(cpuinfo));

    [Fact]
    public void Should_load_the_override_on_an_amd_cpu_with_avx512()
    {
        var decision = Decide(CpuInfoSamples.AmdEpycGenoa);
        Assert.True(decision.Load);
        Assert.Equal("AuthenticAMD CPU with AVX-512: MKL alone would take its AVX2 path", decision.Reason);
    }

    [Fact]
    public void Should_leave_mkl_alone_on_an_intel_cpu()
    {
        var decision = Decide(CpuInfoSamples.IntelSapphireRapids);
        Assert.False(decision.Load);
        Assert.Contains("GenuineIntel", decision.Reason);
    }

    [Theory]
    [InlineData(nameof(CpuInfoSamples.AmdEpycMilan))]
    [InlineData(nameof(CpuInfoSamples.PartialAvx512))]
    public void Should_leave_mkl_alone_on_a_cpu_whose_best_path_is_avx2(string sample)
    {
        var cpuinfo = (string)typeof(CpuInfoSamples).GetProperty(sample)!.GetValue(null)!;
        var decision = Decide(cpuinfo);
        Assert.False(decision.Load);
        Assert.Contains("without AVX-512", decision.Reason);
    }

    [Theory]
    [InlineData(CpuInfoSamples.Arm)]
    [InlineData("")]
    [InlineData("vendor_id : AuthenticAMD\n")]
    [InlineData("garbage without colons\n\0\n")]
    public void Should_leave_mkl_alone_when_cpuinfo_does_not_describe_an_x86_cpu(string cpuinfo)
    {
        Assert.Null(CpuFacts.Parse(cpuinfo));
        Assert.False(Decide(cpuinfo).Load);
    }

    [Fact]
    public void Should_read_the_first_processors_vendor_and_flags()
    {
        var facts = CpuFacts.Parse(CpuInfoSamples.AmdEpycGenoa)!;
        Assert.Equal("AuthenticAMD", facts.Vendor);
        Assert.Contains("avx512bw", facts.Flags);
        Assert.True(facts.HasAvx512Path);
        Assert.False(facts.IsIntel);
    }

    [Fact]
    public void Should_follow_the_switch_over_the_cpu()
    {
        Assert.False(Decide(CpuInfoSamples.AmdEpycGenoa, MklFastPathSwitch.Off).Load);
        Assert.Equal("turned off by METALOSS_MKL_FAST_PATH=off", Decide(CpuInfoSamples.AmdEpycGenoa, MklFastPathSwitch.Off).Reason);
        Assert.True(Decide(CpuInfoSamples.IntelSapphireRapids, MklFastPathSwitch.On).Load);
        Assert.True(MklFastPathDecision.Decide(MklFastPathSwitch.On, null).Load);
    }

    [Theory]
    [InlineData(null, MklFastPathSwitch.Auto)]
    [InlineData("", MklFastPathSwitch.Auto)]
    [InlineData(" AUTO ", MklFastPathSwitch.Auto)]
    [InlineData("on", MklFastPathSwitch.On)]
    [InlineData("Off", MklFastPathSwitch.Off)]
    public void Should_read_the_switch(string? value, MklFastPathSwitch expected)
    {
        Assert.Equal(expected, MklFastPathSwitches.Parse(value, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("of")]
    public void Should_refuse_a_switch_that_is_not_auto_on_or_off(string value)
    {
        Assert.Null(MklFastPathSwitches.Parse(value, out var error));
        Assert.Equal($"METALOSS_MKL_FAST_PATH must be auto, on or off, got '{value}'", error);
    }
}

using MetaLoss.Training.Memory;

namespace MetaLoss.Training.Tests.Memory;

public class HeapTuningDecisionSpecs
{
    private static HeapTuningDecision? Decide(Dictionary<string, string> environment, bool linux, out string? error) =>
        HeapTuningDecision.Decide(name => environment.GetValueOrDefault(name), linux, out error);

    private static HeapTuningDecision Decide(Dictionary<string, string> environment, bool linux = true)
    {
        var decision = Decide(environment, linux, out var error);
        Assert.Null(error);
        return decision!;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("on")]
    [InlineData(" ON ")]
    public void Should_tune_on_linux_unless_switched_off(string? value)
    {
        var environment = value is null ? [] : new Dictionary<string, string> { [HeapTuningDecision.EnvironmentVariable] = value };

        Assert.True(Decide(environment).Apply);
    }

    [Fact]
    public void Should_leave_the_allocator_alone_when_switched_off()
    {
        var decision = Decide(new() { [HeapTuningDecision.EnvironmentVariable] = "Off" });

        Assert.Equal(new HeapTuningDecision(false, "turned off by METALOSS_HEAP_TUNING=off"), decision);
    }

    [Theory]
    [InlineData("MALLOC_MMAP_THRESHOLD_", "1048576")]
    [InlineData("MALLOC_TRIM_THRESHOLD_", "0")]
    [InlineData("MALLOC_TOP_PAD_", "65536")]
    [InlineData("MALLOC_MMAP_MAX_", "0")]
    public void Should_leave_glibcs_thresholds_to_a_user_who_set_them(string variable, string value)
    {
        var decision = Decide(new() { [variable] = value });

        Assert.False(decision.Apply);
        Assert.Equal($"{variable} is set: glibc's thresholds are left as the environment sets them", decision.Reason);
    }

    [Fact]
    public void Should_leave_glibcs_thresholds_to_malloc_tunables_but_not_to_other_tunables()
    {
        Assert.False(Decide(new() { ["GLIBC_TUNABLES"] = "glibc.cpu.hwcaps=-AVX512F:glibc.malloc.mmap_threshold=65536" }).Apply);
        Assert.True(Decide(new() { ["GLIBC_TUNABLES"] = "glibc.cpu.hwcaps=-AVX512F" }).Apply);
    }

    [Fact]
    public void Should_not_tune_off_linux()
    {
        var decision = Decide([], linux: false);

        Assert.False(decision.Apply);
        Assert.Contains("not Linux", decision.Reason);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("auto")]
    [InlineData("1")]
    public void Should_refuse_a_switch_other_than_on_or_off(string value)
    {
        var decision = Decide(new() { [HeapTuningDecision.EnvironmentVariable] = value }, linux: true, out var error);

        Assert.Null(decision);
        Assert.Equal($"METALOSS_HEAP_TUNING must be on or off, got '{value}'", error);
    }
}

using MetaLoss.Actors.Evaluation;

namespace MetaLoss.Actors.Tests.Evaluation;

public sealed class DeviceSlotSpecs
{
    private static readonly Func<int> NoCuda = () => 0;
    private static readonly Func<int> OneCuda = () => 1;

    [Fact]
    public void Should_make_one_slot_per_requested_cpu()
    {
        Assert.Equal([new(DeviceKind.Cpu, 0), new(DeviceKind.Cpu, 1)], DeviceSlot.Parse("cpu:2", NoCuda));
    }

    [Fact]
    public void Should_number_cpu_slots_on_from_earlier_ones()
    {
        Assert.Equal(["cpu:0", "cpu:1", "cpu:2"], DeviceSlot.Parse("cpu:1, cpu:2", NoCuda).Select(s => s.ToString()));
    }

    [Fact]
    public void Should_accept_a_cuda_device_that_torch_reports()
    {
        var slots = DeviceSlot.Parse("cpu:2,cuda:0", OneCuda);

        Assert.Equal(["cpu:0", "cpu:1", "cuda:0"], slots.Select(s => s.ToString()));
        Assert.Equal(DeviceKind.Cuda, slots[2].Kind);
    }

    [Fact]
    public void Should_say_how_to_get_cuda_when_torch_reports_none()
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceSlot.Parse("cpu:2,cuda:0", NoCuda));

        Assert.Contains("cuda:0", error.Message);
        Assert.Contains("no CUDA device", error.Message);
        Assert.Contains("-p:TorchBackend=cuda", error.Message);
    }

    [Fact]
    public void Should_name_the_cuda_devices_there_are_when_one_is_out_of_range()
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceSlot.Parse("cuda:1", OneCuda));

        Assert.Contains("only 1 CUDA device(s) (cuda:0..cuda:0)", error.Message);
    }

    [Theory]
    [InlineData("cpu", "cannot read 'cpu'")]
    [InlineData("cpu:two", "cannot read 'cpu:two'")]
    [InlineData("cpu:-1", "cannot read 'cpu:-1'")]
    [InlineData("cpu:1:2", "cannot read 'cpu:1:2'")]
    [InlineData("gpu:0", "unknown device 'gpu'")]
    [InlineData("cpu:0", "cpu:0 asks for no CPU slots")]
    [InlineData("cpu:2000000000", "2000000000 CPU slots asked for; at most 1024")]
    [InlineData("cpu:1000,cpu:100", "1100 CPU slots asked for; at most 1024")]
    [InlineData(" , ", "no device slots given")]
    [InlineData("cuda:0,cuda:0", "listed twice")]
    public void Should_explain_what_is_wrong_with_bad_text(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceSlot.Parse(text, OneCuda));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith("--devices:", error.Message);
    }
}

using MetaLoss.Actors.Evaluation;
using TorchSharp;

namespace MetaLoss.Actors.Tests.Evaluation;

public class DeviceSlotTorchDeviceSpecs
{
    [Fact]
    public void Should_compute_cpu_slots_on_the_cpu_and_cuda_slots_on_their_gpu()
    {
        Assert.Equal(DeviceType.CPU, new DeviceSlot(DeviceKind.Cpu, 1).TorchDevice.type);
        var gpu = new DeviceSlot(DeviceKind.Cuda, 1).TorchDevice;
        Assert.Equal(DeviceType.CUDA, gpu.type);
        Assert.Equal(1, gpu.index);
    }
}

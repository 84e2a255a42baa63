using static TorchSharp.torch;

namespace MetaLoss.Training;

/// <summary>Reads small result tensors (one value per batch member) into managed arrays.</summary>
public static class HostValues
{
    /// <summary>Only CPU memory can be read, so a GPU tensor's values are copied to the host first.</summary>
    public static float[] Floats(Tensor values)
    {
        using var onHost = values.cpu();
        return onHost.data<float>().ToArray();
    }
}

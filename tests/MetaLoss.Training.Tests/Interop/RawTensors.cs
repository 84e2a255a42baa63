using System.Runtime.InteropServices;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>Tensors exchanged with the Python side as raw little-endian files (float32 or int64), read with torch.frombuffer.</summary>
public static class RawTensors
{
    public static void Write(string path, ReadOnlySpan<float> values) => File.WriteAllBytes(path, MemoryMarshal.AsBytes(values).ToArray());

    public static void Write(string path, ReadOnlySpan<long> values) => File.WriteAllBytes(path, MemoryMarshal.AsBytes(values).ToArray());

    public static float[] ReadFloats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
}

using System.Buffers.Binary;

namespace MetaLoss.Host.Tests;

/// <summary>Checks that a file is a PNG image of the expected size, from its signature and IHDR chunk.</summary>
public static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void AssertValid(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 20_000, $"{path} has only {bytes.Length} bytes: a blank or broken image?");
        Assert.Equal(Signature, bytes[..8]);
        // The first chunk is IHDR: length (4 bytes), type (4), then width and height, big-endian.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}

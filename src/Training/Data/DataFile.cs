using System.IO.Compression;

namespace MetaLoss.Training.Data;

/// <summary>
/// A whole data file read into memory, inflated when it starts with the gzip header. The content
/// decides, not the name: a mislabelled file still reads, and a corrupt one fails here as a
/// <see cref="DataFileException"/> instead of a bare stream error.
/// </summary>
public sealed class DataFile
{
    private const byte GzipId1 = 0x1f;
    private const byte GzipId2 = 0x8b;

    private DataFile(string path, byte[] bytes, bool wasGzip)
    {
        Path = path;
        Bytes = bytes;
        WasGzip = wasGzip;
    }

    public string Path { get; }

    /// <summary>The uncompressed content.</summary>
    public byte[] Bytes { get; }

    public bool WasGzip { get; }

    /// <summary>Said alongside format errors: a download that went wrong often keeps its .gz name.</summary>
    public string NameHint =>
        !WasGzip && Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? " (the file is named .gz but is not gzip-compressed)"
            : "";

    /// <summary>
    /// Said alongside size errors. GZipStream ends quietly on a cut-off stream, so for a gzip file
    /// the size check of the format is what catches an interrupted download.
    /// </summary>
    public string SizeHint => WasGzip ? " (after decompressing: the gzip file may be cut off)" : NameHint;

    public static DataFile Read(string path)
    {
        if (!File.Exists(path))
            throw new DataFileException(path, "file not found");
        try
        {
            var raw = File.ReadAllBytes(path);
            var wasGzip = raw.Length >= 2 && raw[0] == GzipId1 && raw[1] == GzipId2;
            return new DataFile(path, wasGzip ? Inflate(path, raw) : raw, wasGzip);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot read the file ({e.Message})", e);
        }
    }

    public DataFileException Fault(string fault) => new(Path, fault);

    private static byte[] Inflate(string path, byte[] compressed)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var inflated = new MemoryStream(capacity: (int)Math.Min(compressed.Length * 2L, Array.MaxLength));
            gzip.CopyTo(inflated);
            return inflated.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"corrupt gzip stream ({e.Message})", e);
        }
    }
}

using System.Globalization;
using CsvHelper;

namespace MetaLoss.Host;

/// <summary>
/// How MetaLoss writes its CSV files, with CsvHelper: RFC 4180 quoting, LF line ends, invariant
/// culture, numbers in their shortest round-trip form and lower-case booleans, as the files have
/// always been written (scripts and earlier runs read them).
/// </summary>
public static class CsvFiles
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
    };

    /// <summary>The UTF-8 bytes (no byte order mark) of the records that <paramref name="write"/> writes.</summary>
    public static byte[] Bytes(Action<CsvWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true)) write(csv);
        return buffer.ToArray();
    }
}

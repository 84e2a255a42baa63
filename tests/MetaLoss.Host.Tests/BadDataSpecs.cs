namespace MetaLoss.Host.Tests;

/// <summary>
/// A CIFAR-10 folder that cannot be used stops `calibrate` and `evaluate` with one line naming the
/// file, before any output: the data is loaded before the work starts, and a failure inside the
/// parallel episodes is reported as itself, not as an AggregateException with a trace.
/// </summary>
[Collection(EvolvedRunCollection.Name)]
public class BadDataSpecs(EvolvedRun run)
{
    private const int Records = 10_000;
    private const int RecordBytes = 1 + 3072;
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(2);

    public static TheoryData<string, string> Faults => new()
    {
        { "truncated", "truncated: expected 30,730,000 bytes (whole records of 3,073), found 30,729,900" },
        { "wrong-label", "label 5,000 is 10, outside the 10 classes 0..9" },
        { "empty", "empty: expected at least one record of 3,073 bytes" },
        { "corrupt-gzip", "corrupt gzip stream" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Should_refuse_a_bad_cifar_file_in_calibrate_before_the_table(string fault, string message)
    {
        var (directory, file) = CifarFolder(fault);
        var (code, output) = MetalossProcess.Run(Quick, "calibrate", "--dataset", "cifar10-test", "--cifar10-dir", directory,
            "--episodes", "2", "--per-class", "2", "--validation-size", "20", "--steps", "1");
        AssertOneLine(code, output, $"metaloss: {file}: {message}");
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void Should_refuse_a_bad_cifar_file_in_evaluate_before_any_work(string fault, string message)
    {
        var (directory, file) = CifarFolder(fault);
        var (code, output) = MetalossProcess.Run(Quick, "evaluate", "--run", CopyOfRun(), "--cifar10-dir", directory,
            "--episodes", "2", "--tune-episodes", "1");
        AssertOneLine(code, output, $"metaloss: {file}: {message}");
    }

    [Fact]
    public void Should_refuse_a_cifar_folder_that_is_a_file()
    {
        var file = Path.Combine(SmallRun.NewDirectory(), "cifar.bin");
        File.WriteAllBytes(file, new byte[10]);
        var (code, output) = MetalossProcess.Run(Quick, "calibrate", "--dataset", "cifar10-test", "--cifar10-dir", file, "--episodes", "2");
        AssertOneLine(code, output, $"metaloss: {Path.Combine(file, "test_batch.bin")}: CIFAR-10 file not found");
    }

    /// <summary>A folder with a test_batch.bin of 10,000 records (the real size), broken as asked.</summary>
    private static (string Directory, string File) CifarFolder(string fault)
    {
        var directory = SmallRun.NewDirectory();
        var batch = new byte[Records * RecordBytes];
        for (var r = 0; r < Records; r++)
        {
            batch[r * RecordBytes] = (byte)(r % 10);
            for (var i = 1; i < RecordBytes; i += 97) batch[r * RecordBytes + i] = (byte)(r + i);
        }
        var name = "test_batch.bin";
        byte[] content;
        switch (fault)
        {
            case "truncated":
                content = batch[..^100];
                break;
            case "wrong-label":
                batch[5_000 * RecordBytes] = 10;
                content = batch;
                break;
            case "empty":
                content = [];
                break;
            default:
                // A gzip header, then a deflate block of the reserved type 3.
                name += ".gz";
                content = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff];
                break;
        }
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, content);
        return (directory, path);
    }

    /// <summary>The shared run is only read, but a copy keeps evaluate's outputs out of it.</summary>
    private string CopyOfRun()
    {
        var copy = SmallRun.NewDirectory();
        foreach (var file in Directory.GetFiles(run.Directory)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    private static void AssertOneLine(int code, string output, string expectedStart)
    {
        Assert.True(code == 2, output);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expectedStart, line);
    }
}

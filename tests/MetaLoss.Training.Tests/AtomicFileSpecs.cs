namespace MetaLoss.Training.Tests;

public sealed class AtomicFileSpecs : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("metaloss-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Should_replace_the_content_and_leave_no_temporary_file()
    {
        var path = Path.Combine(_directory, "generations.csv");
        AtomicFile.WriteAllText(path, "old\n");
        AtomicFile.WriteAllText(path, "new\n");
        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void Should_leave_the_target_alone_and_clean_up_when_the_rename_fails()
    {
        // A directory in the way: the temporary file is written, the rename over it fails.
        var target = Path.Combine(_directory, "best-mln.json");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "inside"), "kept");
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(target, "new"));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(target, "inside")));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Should_name_the_folder_not_its_temporary_file_when_no_file_can_be_created_there()
    {
        // /proc takes no new files, even for root (who may write anywhere a permission would stop).
        var error = Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText("/proc/learned-loss.json", "new"));
        Assert.Equal("cannot create a new file in the folder /proc", error.Message);
        Assert.False(File.Exists("/proc/learned-loss.json"));
    }
}

using System.Diagnostics;

namespace MetaLoss.Host.Tests;

public class ScratchRootSpecs
{
    [Fact]
    public void Should_delete_the_folders_of_ended_test_processes_and_keep_the_running_ones()
    {
        int ended;
        using (var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            process.WaitForExit();
            ended = process.Id;
        }
        var leftover = Directory.CreateTempSubdirectory($"{ScratchRoot.Prefix}{ended}-").FullName;
        File.WriteAllText(Path.Combine(leftover, "journal.db"), "left by a killed test process");
        var mine = ScratchRoot.Path;

        ScratchRoot.DeleteLeftovers();

        Assert.False(Directory.Exists(leftover), $"{leftover} belongs to process {ended}, which has ended");
        Assert.True(Directory.Exists(mine), "the running process's own folder was deleted");
    }
}

using System.Diagnostics;
using MetaLoss.Training.Data;

namespace MetaLoss.Host.Tests;

/// <summary>
/// Ctrl+C before a run has started: `evolve` is still reading its data, which no cancellation can cut
/// short. It used to die silently there; it must say it stopped, exit 130, and leave nothing behind.
/// </summary>
public class InterruptWhileLoadingSpecs
{
    [Fact]
    public async Task Should_say_it_stopped_and_leave_no_run_folder_when_interrupted_while_a_data_file_is_still_being_read()
    {
        // The training images are a named pipe that is opened but never written: the load blocks for as long as the test likes.
        var data = SmallRun.NewDirectory();
        foreach (var name in new[] { "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" })
            File.CreateSymbolicLink(Path.Combine(data, name), Path.Combine(DataLocations.DefaultFashionMnistDirectory, name));
        var images = Path.Combine(data, "train-images-idx3-ubyte");
        using (var mkfifo = Process.Start("mkfifo", images)) mkfifo.WaitForExit();

        var run = Path.Combine(SmallRun.NewDirectory(), "new-run");
        using var process = MetalossProcess.Start(SmallRun.Evolve(run, "--fashion-mnist-dir", data));
        // Opening the pipe's other end returns once metaloss has opened it to read.
        var opened = Task.Run(() => new FileStream(images, FileMode.Open, FileAccess.Write));
        if (await Task.WhenAny(opened, Task.Delay(SmallRun.Timeout)) != opened)
        {
            // Releases the waiting open, so no thread of the test run stays blocked on the pipe.
            using (new FileStream(images, FileMode.Open, FileAccess.Read)) Assert.Fail($"metaloss never read its data: {process.Output}");
        }
        await using var writer = await opened;

        process.Interrupt();
        Assert.Equal(130, process.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal("Stopped.", process.Output.Trim());
        Assert.False(Directory.Exists(run), "the run folder evolve made for a run that never started is still there");
    }
}

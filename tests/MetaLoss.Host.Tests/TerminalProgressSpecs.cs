using System.Diagnostics;

namespace MetaLoss.Host.Tests;

/// <summary>
/// The progress bar goes to stderr, drawn in place only when stderr is a terminal (here a
/// pseudo-terminal from util-linux's `script`); stdout keeps one plain line per generation.
/// </summary>
public class TerminalProgressSpecs
{
    private const int Generations = 2;
    private const string HideCursor = "\u001b[?25l";
    private const string ShowCursor = "\u001b[?25h";
    private const string EraseLine = "\u001b[2K";

    [Fact]
    public void Should_draw_the_bar_on_a_terminal_and_keep_stdout_to_one_plain_line_per_generation()
    {
        var directory = SmallRun.NewDirectory();
        var stdout = Path.Combine(directory, "stdout.txt");
        var terminal = Path.Combine(directory, "terminal.txt");

        var code = Run("script", "-q", "-e", "-c", EvolveCommand(Path.Combine(directory, "run"), Generations, stdout), terminal);

        var drawn = File.ReadAllText(terminal);
        Assert.True(code == 0, drawn);
        var lines = File.ReadAllLines(stdout);
        Assert.Equal(Generations, lines.Count(l => l.StartsWith("generation ")));
        Assert.DoesNotContain(lines, l => l.Contains('\u001b') || l.Contains('\r'));
        Assert.Contains($"gen {Generations}/{Generations} episodes", drawn);
        // Every display hid the cursor and showed it again.
        var hidden = Count(drawn, HideCursor);
        Assert.True(hidden >= Generations, drawn);
        Assert.Equal(hidden, Count(drawn, ShowCursor));
    }

    [Fact]
    public async Task Should_erase_the_bar_and_show_the_cursor_again_when_stopped_by_a_signal()
    {
        var directory = SmallRun.NewDirectory();
        var terminal = Path.Combine(directory, "terminal.txt");
        var info = new ProcessStartInfo("script", ["-q", "-e", "-c", EvolveCommand(Path.Combine(directory, "run"), 1000, "/dev/null"), terminal])
            { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var script = Process.Start(info)!;
        var echoed = script.StandardOutput.ReadToEndAsync();

        // The bar is up once the terminal shows an episode rate; then SIGTERM to metaloss, script's only child.
        var deadline = DateTime.UtcNow + SmallRun.Timeout;
        while (!File.Exists(terminal) || !File.ReadAllText(terminal).Contains("ep/s"))
        {
            Assert.True(DateTime.UtcNow < deadline && !script.HasExited, "no progress bar on the terminal");
            await Task.Delay(100);
        }
        var metaloss = File.ReadAllText($"/proc/{script.Id}/task/{script.Id}/children").Trim();
        Assert.Equal(0, Run("kill", "-TERM", metaloss));
        await echoed;
        Assert.True(script.WaitForExit(SmallRun.Timeout));

        var drawn = File.ReadAllText(terminal);
        Assert.Equal(130, script.ExitCode);
        Assert.Equal(Count(drawn, HideCursor), Count(drawn, ShowCursor));
        Assert.True(drawn.LastIndexOf(EraseLine, StringComparison.Ordinal) > drawn.LastIndexOf("ep/s", StringComparison.Ordinal), drawn);
    }

    [Fact]
    public async Task Should_write_nothing_to_a_redirected_stderr()
    {
        var directory = SmallRun.NewDirectory();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(MetalossProcess.Program);
        foreach (var arg in SmallRun.EvolveFor(directory, 7, Generations)) info.ArgumentList.Add(arg);

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(SmallRun.Timeout), output);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("", await error);
        Assert.Equal(Generations, output.Split('\n').Count(l => l.StartsWith("generation ")));
    }

    /// <summary>A shell command for `script`: metaloss as the shell's replacement (so it is script's child), stdout to a file.</summary>
    private static string EvolveCommand(string runDirectory, int generations, string stdout) =>
        $"exec dotnet {string.Join(" ", SmallRun.EvolveFor(runDirectory, 7, generations).Prepend(MetalossProcess.Program).Select(a => $"'{a}'"))} > '{stdout}'";

    private static int Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(SmallRun.Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {SmallRun.Timeout}");
        }
        return process.ExitCode;
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}

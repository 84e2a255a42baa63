namespace MetaLoss.Host.Tests.Runs;

/// <summary>One `evolve` per run directory, held by a kernel lock: a second one exits at once naming the holder; `status` still reads.</summary>
public sealed class RunLockSpecs
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(2);

    [Fact]
    public void Should_refuse_a_second_evolve_on_the_same_run_naming_the_pid_that_holds_it()
    {
        var run = SmallRun.NewDirectory();
        using var first = MetalossProcess.Start(LongRun(run));
        Assert.True(first.WaitForLine("generation    1/", SmallRun.Timeout), first.Output);

        var (code, output) = MetalossProcess.Run(Quick, LongRun(run));
        Assert.True(code == 2, output);
        Assert.Contains($"another metaloss (PID {first.Id}) is evolving this run", output);

        var (statusCode, status) = MetalossProcess.Run(Quick, "status", "--run", run);
        Assert.True(statusCode == 0, status);
        Assert.Contains("generation", status);
    }

    [Fact]
    public void Should_not_be_blocked_by_the_lock_file_of_a_killed_evolve()
    {
        var run = SmallRun.NewDirectory();
        using (var killed = MetalossProcess.Start(LongRun(run)))
        {
            Assert.True(killed.WaitForLine("generation    1/", SmallRun.Timeout), killed.Output);
            killed.KillHard();
        }
        Assert.True(File.Exists(Path.Combine(run, "evolve.lock")));

        using var resumed = MetalossProcess.Start(LongRun(run));
        Assert.True(resumed.WaitForLine("Resumed at generation", SmallRun.Timeout), resumed.Output);
    }

    private static string[] LongRun(string run) => SmallRun.EvolveFor(run, 7, 500);
}

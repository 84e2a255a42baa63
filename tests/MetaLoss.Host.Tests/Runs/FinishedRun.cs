namespace MetaLoss.Host.Tests.Runs;

/// <summary>A small run evolved once, with a snapshot after every generation; specs work on copies of it.</summary>
public sealed class FinishedRun
{
    public const int Generations = 2;

    public FinishedRun()
    {
        Directory = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, Evolve(Directory));
        Assert.True(code == 0, output);
    }

    public string Directory { get; }

    public static string[] Evolve(string run, params string[] extra) =>
        SmallRun.EvolveFor(run, 7, Generations, ["--config", "metaloss.snapshot-every-generations = 1", .. extra]);
}

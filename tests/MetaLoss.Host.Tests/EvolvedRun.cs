namespace MetaLoss.Host.Tests;

/// <summary>One small finished run, evolved once and shared by the tests that evaluate and export it.</summary>
public sealed class EvolvedRun
{
    public EvolvedRun()
    {
        Directory = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.Evolve(Directory, SmallRun.DefaultStart));
        if (code != 0) throw new InvalidOperationException($"evolve failed with exit code {code}:\n{output}");
    }

    public string Directory { get; }

    public string BestMlnFile => Path.Combine(Directory, "best-mln.json");
}

[CollectionDefinition(Name)]
public sealed class EvolvedRunCollection : ICollectionFixture<EvolvedRun>
{
    public const string Name = "evolved run";
}

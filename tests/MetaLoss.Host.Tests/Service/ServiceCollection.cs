namespace MetaLoss.Host.Tests.Service;

/// <summary>Service specs start `serve`, nodes and reference runs: one at a time, so their timing (fair shares) is not another spec's load.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceCollection
{
    public const string Name = "service";
}

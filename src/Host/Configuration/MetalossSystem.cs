using Akka.Hosting;
using MetaLoss.Host.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// What every MetaLoss actor system is built from, whatever the command: the configuration (hocon/
/// under the command's overrides), the journal (none for an evaluator-only node), the cluster (none
/// when embedded) and the failures that end the process. The command then adds its roles
/// (population, evaluators, run service) with the Configure* extensions.
/// </summary>
public sealed record MetalossSystem(
    Akka.Configuration.Config Config,
    EvaluationConfig Evaluation,
    JournalSettings? Journal,
    ClusterSettings? Cluster,
    HostFailures Failures);

public static class MetalossHost
{
    /// <summary>The shared part: configuration, journal, failure watch and (when clustered) remoting and membership.</summary>
    public static AkkaConfigurationBuilder ConfigureMetaloss(this AkkaConfigurationBuilder builder, MetalossSystem system)
    {
        builder.ConfigureBase(system.Config);
        if (system.Journal is { } journal) builder.ConfigurePersistence(journal);
        builder.ConfigureFailureWatch(system.Failures);
        if (system.Cluster is { } cluster) builder.ConfigureCluster(cluster);
        return builder;
    }

    /// <summary>A host with the shared part and the command's <paramref name="roles"/>; start it with StartAsync.</summary>
    public static IHost Build(MetalossSystem system, Action<AkkaConfigurationBuilder> roles) =>
        new HostBuilder()
            .ConfigureServices(services => services.AddSingleton<IHostLifetime, CommandOwnedLifetime>()
                .AddAkka(ClusterSettings.SystemName, builder => roles(builder.ConfigureMetaloss(system))))
            .Build();
}

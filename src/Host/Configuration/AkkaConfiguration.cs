using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Remote.Hosting;
using MetaLoss.Actors.Cluster;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Runs;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Serialization;

namespace MetaLoss.Host.Configuration;

/// <summary>The actor system's wiring, one concern per extension method; tests reuse them.</summary>
public static class AkkaConfiguration
{
    /// <summary>The singleton's name: its manager is /user/population, its proxy /user/population-proxy.</summary>
    public const string PopulationSingletonName = "population";

    /// <summary>The hocon/ files under the command line's overrides (refused if they change a known setting's shape).</summary>
    public static Akka.Configuration.Config BaseConfig(Akka.Configuration.Config overrides)
    {
        var defaults = HoconFiles.Load("akka.conf", "evolution.conf", "cluster.conf").WithFallback(SerializationConfig.Hocon);
        OverrideShapes.Check(overrides, defaults);
        return overrides.WithFallback(defaults);
    }

    public static AkkaConfigurationBuilder ConfigureBase(this AkkaConfigurationBuilder builder, Akka.Configuration.Config config) =>
        builder.AddHocon(config, HoconAddMode.Prepend);

    public static AkkaConfigurationBuilder ConfigurePersistence(this AkkaConfigurationBuilder builder, JournalSettings journal) =>
        builder.AddHocon(journal.ToHocon().WithFallback(SqlPersistence.DefaultConfiguration), HoconAddMode.Prepend);

    /// <summary>
    /// Embedded single node: the population actor under a backoff supervisor, with the local
    /// evaluators as its children. When a journal write fails the actor stops, and the supervisor
    /// starts it again after a pause; it recovers from the journal and carries on. When the journal
    /// keeps failing (<see cref="JournalRetries"/>), <paramref name="halt"/> is told why.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigurePopulation(this AkkaConfigurationBuilder builder,
        EvaluationConfig evaluation, IReadOnlyList<DeviceSlot> slots, EpisodeBatchRunnerFactory runnerFactory, RunId run, RunHalt? halt = null) =>
        builder.WithActors((system, registry) =>
        {
            var evaluators = slots.Select(slot => EvaluatorActor.Props(slot, null, runnerFactory, evaluation.BatchSize)).ToList();
            if (halt is not null) system.ActorOf(JournalFaultWatch.Props(evaluation.JournalRetries, halt.JournalGaveUp), "journal-watch");
            registry.Register<PopulationActor>(system.ActorOf(SupervisedPopulation(evaluation, evaluators, run), "population-supervisor"));
        });

    /// <summary>
    /// Remoting on the given address, over mutual TLS when the cluster has certificates, and cluster
    /// membership with the given roles (SBR and untrusted-mode settings: hocon/cluster.conf).
    /// </summary>
    public static AkkaConfigurationBuilder ConfigureCluster(this AkkaConfigurationBuilder builder, ClusterSettings cluster) =>
        builder
            .WithRemoting(cluster.Tls is { } tls
                ? new RemoteOptions { HostName = cluster.Hostname, Port = cluster.Port, EnableSsl = true, Ssl = tls.ToSslOptions() }
                : new RemoteOptions { HostName = cluster.Hostname, Port = cluster.Port })
            .WithClustering(new ClusterOptions { Roles = [.. cluster.Roles], SeedNodes = [.. cluster.SeedNodes] });

    /// <summary>
    /// The same backoff-supervised population actor, as a cluster singleton on the oldest
    /// `population` node, without children: in a cluster every node's evaluators live in its own
    /// pool (<see cref="ConfigureNodeEvaluators"/>). The registry gets the singleton proxy. When the
    /// journal keeps failing while this node hosts the population, <paramref name="halt"/> is told
    /// (the process ends, and the next oldest `population` node takes the population over). Every
    /// population node of a cluster must be given the same run, or a hand-over would start another.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigurePopulationSingleton(this AkkaConfigurationBuilder builder, EvaluationConfig evaluation,
        RunId run, RunHalt? halt = null)
    {
        if (halt is not null)
            builder.WithActors((system, _) => system.ActorOf(JournalFaultWatch.Props(evaluation.JournalRetries, halt.JournalGaveUp), "journal-watch"));
        return builder.WithSingleton<PopulationActor>(PopulationSingletonName, SupervisedPopulation(evaluation, [], run), SingletonOptions, createProxyToo: true);
    }

    /// <summary>Only the proxy, for nodes that never host the population.</summary>
    public static AkkaConfigurationBuilder ConfigurePopulationProxy(this AkkaConfigurationBuilder builder) =>
        builder.WithSingletonProxy<PopulationActor>(PopulationSingletonName, SingletonOptions);

    /// <summary>
    /// This node's evaluators under a pool that supervises them, talking to the population through
    /// the singleton proxy and asking again when idle (a hand-over forgets parked requests), and
    /// taking leases only from the singleton itself; and the actor that answers `status --cluster`.
    /// When every one of them has failed, <paramref name="halt"/> (if given) is told: a `node` ends,
    /// while an `evolve` keeps coordinating for the other nodes. <paramref name="dataCheck"/> keeps
    /// them from running a run's episodes on other data than the run's.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigureNodeEvaluators(this AkkaConfigurationBuilder builder,
        EvaluationConfig evaluation, IReadOnlyList<DeviceSlot> slots, EpisodeBatchRunnerFactory runnerFactory, DataCheck dataCheck,
        RunHalt? halt = null) =>
        builder.WithActors((system, registry) =>
        {
            var population = registry.Get<PopulationActor>();
            var evaluators = slots
                .Select(slot => EvaluatorActor.Props(slot, population, runnerFactory, evaluation.BatchSize, evaluation.ReaskWhenIdle,
                    new LeaseIssuer.ClusterSingleton(PopulationSingletonName, ClusterSettings.PopulationRole), dataCheck))
                .ToList();
            system.ActorOf(EvaluatorPool.Props(evaluators, halt is null ? null : halt.EvaluatorsFailed), "evaluators");
            system.ActorOf(ClusterStatusActor.Props(population), ClusterStatusActor.Name);
        });

    // Identification fails for a while whenever the singleton starts or moves; the CLI says what matters.
    internal static ClusterSingletonOptions SingletonOptions => new()
    {
        Role = ClusterSettings.PopulationRole,
        LogSingletonIdentificationFailure = false,
    };

    /// <summary>
    /// Events that end the process with a clear line instead of a retry loop (a journal that cannot
    /// be replayed, data that is not the run's): listened for before any other actor starts.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigureFailureWatch(this AkkaConfigurationBuilder builder, HostFailures failures) =>
        builder.WithActors((system, _) => failures.Listen(system));

    private static Props SupervisedPopulation(EvaluationConfig evaluation, IReadOnlyList<Props> localEvaluators, RunId run) =>
        evaluation.JournalRetries.Supervise(PopulationActor.Props(run.PersistenceId, evaluation.Population, localEvaluators));
}

using Akka.Actor;
using Akka.Hosting;
using Akka.Pattern;
using Akka.Persistence.Sql;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Serialization;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Host.Configuration;

/// <summary>The actor system's wiring, one concern per extension method; tests reuse them.</summary>
public static class AkkaConfiguration
{
    public const string PopulationPersistenceId = "population";

    public static AkkaConfigurationBuilder ConfigureBase(this AkkaConfigurationBuilder builder, Akka.Configuration.Config? overrides = null)
    {
        var config = HoconFiles.Load("akka.conf", "evolution.conf").WithFallback(SerializationConfig.Hocon);
        if (overrides is not null) config = overrides.WithFallback(config);
        return builder.AddHocon(config, HoconAddMode.Prepend);
    }

    public static AkkaConfigurationBuilder ConfigurePersistence(this AkkaConfigurationBuilder builder, JournalSettings journal) =>
        builder.AddHocon(journal.ToHocon().WithFallback(SqlPersistence.DefaultConfiguration), HoconAddMode.Prepend);

    /// <summary>
    /// The population actor under a backoff supervisor: when a journal write fails the actor stops,
    /// and the supervisor starts it again after a pause; it recovers from the journal and carries on.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigurePopulation(this AkkaConfigurationBuilder builder,
        IReadOnlyList<DeviceSlot> slots, Func<DeviceSlot, Func<EpisodeSpec, EpisodeResult>> runnerFactory) =>
        builder.WithActors((system, registry) =>
        {
            var config = system.Settings.Config.GetConfig("metaloss");
            var options = new PopulationOptions(
                config.GetTimeSpan("lease-timeout"), config.GetInt("snapshot-every-generations"));
            var leaseSize = config.GetInt("lease-size");
            var evaluators = slots.Select(slot => EvaluatorActor.Props(slot, null, runnerFactory, leaseSize)).ToList();
            var population = PopulationActor.Props(PopulationPersistenceId, options, evaluators);
            var supervised = BackoffSupervisor.Props(Backoff.OnStop(population, "population",
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, maxNrOfRetries: -1));
            registry.Register<PopulationActor>(system.ActorOf(supervised, "population-supervisor"));
        });
}

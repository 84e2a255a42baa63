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

    /// <summary>The hocon/ files under the command line's overrides.</summary>
    public static Akka.Configuration.Config BaseConfig(Akka.Configuration.Config overrides) =>
        overrides.WithFallback(HoconFiles.Load("akka.conf", "evolution.conf")).WithFallback(SerializationConfig.Hocon);

    public static AkkaConfigurationBuilder ConfigureBase(this AkkaConfigurationBuilder builder, Akka.Configuration.Config config) =>
        builder.AddHocon(config, HoconAddMode.Prepend);

    public static AkkaConfigurationBuilder ConfigurePersistence(this AkkaConfigurationBuilder builder, JournalSettings journal) =>
        builder.AddHocon(journal.ToHocon().WithFallback(SqlPersistence.DefaultConfiguration), HoconAddMode.Prepend);

    /// <summary>
    /// The population actor under a backoff supervisor: when a journal write fails the actor stops,
    /// and the supervisor starts it again after a pause; it recovers from the journal and carries on.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigurePopulation(this AkkaConfigurationBuilder builder,
        EvaluationConfig evaluation, IReadOnlyList<DeviceSlot> slots, Func<DeviceSlot, Func<EpisodeSpec, EpisodeResult>> runnerFactory) =>
        builder.WithActors((system, registry) =>
        {
            var evaluators = slots.Select(slot => EvaluatorActor.Props(slot, null, runnerFactory, evaluation.LeaseSize)).ToList();
            var population = PopulationActor.Props(PopulationPersistenceId, evaluation.Population, evaluators);
            var supervised = BackoffSupervisor.Props(Backoff.OnStop(population, "population",
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, maxNrOfRetries: -1));
            registry.Register<PopulationActor>(system.ActorOf(supervised, "population-supervisor"));
        });
}

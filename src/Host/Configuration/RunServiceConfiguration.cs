using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Pattern;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Service;
using MetaLoss.Host.Runs;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// What `serve` hosts besides the shared part (<see cref="MetalossHost.ConfigureMetaloss"/>): the run
/// registry (with its scheduler and one population per run) and this process's evaluators, which
/// serve every active run. <see cref="Halt"/>, if given, is told when the journal keeps failing or
/// every local evaluator has failed.
/// </summary>
public sealed record RunServiceSetup(
    EvaluationConfig Evaluation,
    IReadOnlyList<DeviceSlot> Slots,
    EpisodeBatchRunnerFactory Runners,
    RunPreparation Prepare,
    DataCheck DataCheck,
    bool Clustered,
    RunHalt? Halt = null)
{
    /// <summary>Everything from one dataset catalog: episodes run on it, and runs are prepared as `evolve` prepares them.</summary>
    public static RunServiceSetup Create(DatasetCatalog catalog, EvaluationConfig evaluation, IReadOnlyList<DeviceSlot> slots, bool clustered,
        TorchWorkInFlight torchWork, RunHalt? halt) =>
        new(evaluation, slots, torchWork.Counting(slot => new BatchedEpisodeRunner(catalog, slot.TorchDevice).Run),
            torchWork.Counting(ServiceRunPreparation.For(catalog)), RunData.Check(catalog), clustered, halt);
}

public static class RunServiceConfiguration
{
    /// <summary>
    /// The run registry under a backoff supervisor (a failing journal stops it; it recovers and every
    /// running run resumes): a cluster singleton on `population` nodes when clustered (where a node's
    /// evaluators find it through the same proxy they use for an `evolve` run), else a local actor.
    /// Ask it the Service* messages through <c>ActorRegistry.Get&lt;RunRegistry&gt;()</c>.
    /// </summary>
    public static AkkaConfigurationBuilder ConfigureRunService(this AkkaConfigurationBuilder builder, RunServiceSetup service)
    {
        var registry = SupervisedRegistry(service.Evaluation, service.Prepare);
        if (service.Halt is { } halt)
            builder.WithActors((system, _) => system.ActorOf(JournalFaultWatch.Props(service.Evaluation.JournalRetries, halt.JournalGaveUp), "journal-watch"));
        if (service.Clustered)
        {
            return builder
                .WithSingleton<RunRegistry>(AkkaConfiguration.PopulationSingletonName, registry, AkkaConfiguration.SingletonOptions, createProxyToo: true)
                // Evaluators ask the registry for work exactly as they ask an `evolve` population.
                .WithActors((_, actors) => actors.Register<PopulationActor>(actors.Get<RunRegistry>()))
                .ConfigureNodeEvaluators(service.Evaluation, service.Slots, service.Runners, service.DataCheck, service.Halt);
        }
        return builder.WithActors((system, actors) =>
        {
            var local = system.ActorOf(registry, AkkaConfiguration.PopulationSingletonName);
            actors.Register<RunRegistry>(local);
            var evaluators = service.Slots
                .Select(slot => EvaluatorActor.Props(slot, local, service.Runners, service.Evaluation.RequestEpisodes, service.Evaluation.ReaskWhenIdle,
                    new LeaseIssuer.Within(local), service.DataCheck))
                .ToList();
            system.ActorOf(EvaluatorPool.Props(evaluators, service.Halt is null ? null : service.Halt.EvaluatorsFailed), "evaluators");
        });
    }

    /// <summary>The registry restarts like a population does when its journal fails (<see cref="JournalRetries"/>).</summary>
    private static Props SupervisedRegistry(EvaluationConfig evaluation, RunPreparation prepare)
    {
        var retries = evaluation.JournalRetries;
        return BackoffSupervisor.Props(Backoff.OnStop(RunRegistry.Props(prepare, evaluation.Population, retries), "registry",
            retries.MinBackoff, retries.MaxBackoff, 0.2, maxNrOfRetries: -1));
    }
}

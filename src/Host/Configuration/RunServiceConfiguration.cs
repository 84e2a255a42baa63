using Akka.Hosting;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Service;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// What `serve` hosts: the run registry (with its scheduler and one population per run) and this
/// process's evaluators, which serve every active run.
/// </summary>
public sealed record RunServiceSetup(
    EvaluationConfig Evaluation,
    IReadOnlyList<DeviceSlot> Slots,
    EpisodeBatchRunnerFactory Runners,
    RunPreparation Prepare,
    DataCheck DataCheck);

public static class RunServiceConfiguration
{
    /// <summary>The run registry, found in the ActorRegistry under <see cref="RunRegistry"/>; ask it the Service* messages.</summary>
    public static AkkaConfigurationBuilder ConfigureRunService(this AkkaConfigurationBuilder builder, RunServiceSetup service) =>
        builder.WithActors((system, registry) => registry.Register<RunRegistry>(system.ActorOf(RunRegistry.Props(), "run-registry")));
}

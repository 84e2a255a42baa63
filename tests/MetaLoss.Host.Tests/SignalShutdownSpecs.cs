using Akka.Actor;
using Akka.Configuration;
using MetaLoss.Host.Configuration;

namespace MetaLoss.Host.Tests;

/// <summary>
/// Whether an ended actor system was stopped by the process (Ctrl+C, SIGTERM: Akka's hook runs with
/// ClrExitReason) or removed: `evolve`, `node` and `serve` exit 130 for the one and 3 for the other.
/// </summary>
public class SignalShutdownSpecs
{
    public static TheoryData<string, bool> Reasons => new()
    {
        { nameof(CoordinatedShutdown.ClrExitReason), true },
        { nameof(CoordinatedShutdown.ClusterDowningReason), false },
        { nameof(CoordinatedShutdown.ActorSystemTerminateReason), false },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public async Task Should_call_only_a_shutdown_by_the_process_a_signal_stop(string reason, bool bySignal)
    {
        var system = ActorSystem.Create("signal", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        Assert.False(SignalShutdown.Ended(system), "a running system has not ended");
        CoordinatedShutdown.Reason why = reason switch
        {
            nameof(CoordinatedShutdown.ClrExitReason) => CoordinatedShutdown.ClrExitReason.Instance,
            nameof(CoordinatedShutdown.ClusterDowningReason) => CoordinatedShutdown.ClusterDowningReason.Instance,
            _ => CoordinatedShutdown.ActorSystemTerminateReason.Instance,
        };
        await CoordinatedShutdown.Get(system).Run(why);
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(bySignal, SignalShutdown.Ended(system));
    }
}

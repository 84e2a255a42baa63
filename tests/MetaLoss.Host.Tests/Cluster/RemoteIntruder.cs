using Akka.Actor;
using Akka.Configuration;
using MetaLoss.Actors.Serialization;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// A remote actor system on 127.0.0.1 that is no member of the cluster but can reach its port: what
/// anyone on the network could run against a cluster without TLS.
/// </summary>
public sealed class RemoteIntruder : IAsyncDisposable
{
    private RemoteIntruder(ActorSystem system) => System = system;

    public ActorSystem System { get; }

    public static RemoteIntruder Start() =>
        new(ActorSystem.Create("intruder", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """).WithFallback(SerializationConfig.Hocon)));

    /// <summary>The actor at <paramref name="path"/>, asked by actor selection until it answers (it may still be starting).</summary>
    public async Task<IActorRef> Identify(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var identity = await System.ActorSelection(path).Ask<ActorIdentity>(new Identify(path), TimeSpan.FromSeconds(10));
            if (identity.Subject is { } subject) return subject;
            Assert.True(DateTime.UtcNow < deadline, $"nothing answered at {path} within {timeout}");
            await Task.Delay(200);
        }
    }

    public ValueTask DisposeAsync() => new(System.Terminate());
}

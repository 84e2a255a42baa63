using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch.SysMsg;
using Akka.Remote.Serialization;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Security;

namespace MetaLoss.Host.Tests.Security;

/// <summary>
/// The configured stand-ins for Akka.Remote's serializers keep their wire ids (or every message of
/// theirs between nodes would be unreadable) and refuse Kill and every system message but death watch.
/// </summary>
public sealed class InboundFilterSpecs : IAsyncLifetime
{
    private ActorSystem _system = null!;

    private Akka.Serialization.Serialization Serialization => _system.Serialization;

    public Task InitializeAsync()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.loglevel = WARNING
            """).WithFallback(AkkaConfiguration.BaseConfig(Config.Empty));
        _system = ActorSystem.Create("filters", config);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    [Fact]
    public void Should_keep_the_wire_ids_of_the_serializers_they_stand_in_for()
    {
        var extended = (ExtendedActorSystem)_system;
        var misc = Serialization.FindSerializerFor(Kill.Instance);
        var system = Serialization.FindSerializerFor(new Suspend());
        Assert.IsType<InboundKillFilter>(misc);
        Assert.IsType<InboundSystemMessageFilter>(system);
        Assert.Equal(new MiscMessageSerializer(extended).Identifier, misc.Identifier);
        Assert.Equal(new SystemMessageSerializer(extended).Identifier, system.Identifier);
    }

    [Fact]
    public void Should_refuse_an_inbound_Kill_and_read_the_rest()
    {
        var filter = (InboundKillFilter)Serialization.FindSerializerFor(Kill.Instance);
        Assert.Throws<SerializationException>(() => filter.FromBinary(filter.ToBinary(Kill.Instance), filter.Manifest(Kill.Instance)));
        var identify = new Identify(42);
        Assert.Equal(42, ((Identify)filter.FromBinary(filter.ToBinary(identify), filter.Manifest(identify))).MessageId);
        Assert.IsType<PoisonPill>(filter.FromBinary(filter.ToBinary(PoisonPill.Instance), filter.Manifest(PoisonPill.Instance)));
    }

    [Fact]
    public void Should_read_only_death_watch_system_messages()
    {
        var actor = (IInternalActorRef)_system.DeadLetters;
        var filter = (InboundSystemMessageFilter)Serialization.FindSerializerFor(new Suspend());
        foreach (var allowed in new ISystemMessage[] { new Watch(actor, actor), new Unwatch(actor, actor), new DeathWatchNotification(actor, true, false) })
            Assert.IsType(allowed.GetType(), filter.FromBinary(filter.ToBinary(allowed), allowed.GetType()));
        foreach (var refused in new ISystemMessage[] { new Suspend(), new Resume(null), new Terminate(), new Recreate(null!) })
            Assert.Throws<SerializationException>(() => filter.FromBinary(filter.ToBinary(refused), refused.GetType()));
    }
}

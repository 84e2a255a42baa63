using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Dispatch.SysMsg;
using Akka.Remote.Serialization;
using Akka.Serialization;

namespace MetaLoss.Host.Security;

/// <summary>
/// Stands in for Akka.Remote's SystemMessageSerializer (same wire id) and reads only the system
/// messages of remote death watch. Untrusted mode drops Terminate but delivers the rest, so a peer
/// could Suspend the population (it would stop without dying) or make it restart. Supervision and
/// deployment never cross nodes here; watching does (the population watches remote evaluators).
/// </summary>
public sealed class InboundSystemMessageFilter : Serializer
{
    // Akka.Remote's reference configuration: "Akka.Remote.Serialization.SystemMessageSerializer, Akka.Remote" = 22.
    private const int SystemMessageSerializerId = 22;

    private readonly SystemMessageSerializer _inner;

    public InboundSystemMessageFilter(ExtendedActorSystem system) : base(system) => _inner = new SystemMessageSerializer(system);

    public override int Identifier => SystemMessageSerializerId;

    public override bool IncludeManifest => _inner.IncludeManifest;

    public override byte[] ToBinary(object obj) => _inner.ToBinary(obj);

    public override object FromBinary(byte[] bytes, Type type) =>
        type == typeof(Watch) || type == typeof(Unwatch) || type == typeof(DeathWatchNotification)
            ? _inner.FromBinary(bytes, type)
            : throw new SerializationException($"refused an inbound {type?.Name ?? "unknown"} system message: remote peers may only watch actors here");
}

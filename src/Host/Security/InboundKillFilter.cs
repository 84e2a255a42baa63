using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Remote.Serialization;
using Akka.Serialization;

namespace MetaLoss.Host.Security;

/// <summary>
/// Stands in for Akka.Remote's MiscMessageSerializer (same wire id) and refuses to read a Kill. In
/// Akka.NET, Kill is not marked possibly harmful, so untrusted mode delivers it, and any peer that
/// reaches the port could kill the population by its path. Remoting logs the refusal and drops the
/// message; the connection stays up. Nothing here sends Kill to another node.
/// </summary>
public sealed class InboundKillFilter : SerializerWithStringManifest
{
    // Akka.Remote's reference configuration: "Akka.Remote.Serialization.MiscMessageSerializer, Akka.Remote" = 16.
    private const int MiscMessageSerializerId = 16;

    private readonly MiscMessageSerializer _inner;
    private readonly string _killManifest;

    public InboundKillFilter(ExtendedActorSystem system) : base(system)
    {
        _inner = new MiscMessageSerializer(system);
        _killManifest = _inner.Manifest(Kill.Instance);
    }

    public override int Identifier => MiscMessageSerializerId;

    public override byte[] ToBinary(object obj) => _inner.ToBinary(obj);

    public override string Manifest(object o) => _inner.Manifest(o);

    public override object FromBinary(byte[] bytes, string manifest) =>
        manifest == _killManifest
            ? throw new SerializationException("refused an inbound Kill: remote peers may not stop actors here")
            : _inner.FromBinary(bytes, manifest);
}

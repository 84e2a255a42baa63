using System.Runtime.Serialization;

namespace MetaLoss.Actors.Serialization;

/// <summary>A stored payload that does not decode as its manifest says: names the type, so a reader can tell a corrupt snapshot from a corrupt event.</summary>
public sealed class CorruptPayloadException(string message, Type payloadType, Exception inner) : SerializationException(message, inner)
{
    public Type PayloadType { get; } = payloadType;
}

using Akka.Configuration;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Serialization;

/// <summary>
/// HOCON that registers <see cref="MetaLossSerializer"/> and binds every message, event and the
/// snapshot to it, so nothing of ours falls back to the default JSON serializer. Hosts merge it.
/// </summary>
public static class SerializationConfig
{
    public static Config Hocon { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers {
            metaloss = "{{NameOf<MetaLossSerializer>()}}"
          }
          serialization-bindings {
            "{{NameOf<IPopulationEvent>()}}" = metaloss
            "{{NameOf<IPopulationMessage>()}}" = metaloss
            "{{NameOf<IServiceMessage>()}}" = metaloss
            "{{NameOf<IRegistryEvent>()}}" = metaloss
            "{{NameOf<PopulationState>()}}" = metaloss
          }
        }
        """);

    // Names built from the types, so a rename breaks the build instead of the binding at run time.
    private static string NameOf<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
}

using System.CommandLine;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Host.Configuration;

namespace MetaLoss.Host.Options;

/// <summary>
/// The options every command that runs an actor system shares: --config overrides, --devices, and
/// the network options (--port, --hostname, --join, --tls, --insecure), read into the configuration,
/// the evaluation settings, the slots and the cluster settings.
/// </summary>
public sealed class SystemOptions(string portDescription, bool joinRequired)
{
    public Option<string[]> Config { get; } = new("--config")
    {
        Description = "HOCON override, repeatable, e.g. --config \"metaloss.lease-timeout = 30s\" (defaults in hocon/)",
        AllowMultipleArgumentsPerToken = false,
    };

    public DeviceOptions Devices { get; } = new();

    public NetworkOptions Network { get; } = new(portDescription, joinRequired);

    public void AddTo(Command command)
    {
        Network.AddTo(command);
        Devices.AddTo(command);
        command.Options.Add(Config);
    }

    public SystemSettings Read(ParseResult result, IReadOnlyList<string> roles)
    {
        var slots = Devices.Read(result);
        var config = AkkaConfiguration.BaseConfig(HoconOverrides.Parse(result.GetValue(Config) ?? []));
        return new SystemSettings(config, EvaluationConfig.Read(config), slots, Network.Read(result, roles));
    }
}

/// <summary>What <see cref="SystemOptions"/> read: checked before any actor or dataset is touched.</summary>
public sealed record SystemSettings(Akka.Configuration.Config Config, EvaluationConfig Evaluation, IReadOnlyList<DeviceSlot> Slots, ClusterSettings? Cluster);

using MetaLoss.Host.Security;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// How a clustered process takes part: the address it binds, the member it joins (none: it starts
/// the cluster itself), its roles, and its certificates (none: plain TCP, allowed on loopback or
/// with --insecure). The embedded single-node default has no ClusterSettings at all.
/// </summary>
public sealed record ClusterSettings(string Hostname, int Port, string? Join, IReadOnlyList<string> Roles)
{
    public const string SystemName = "metaloss";
    public const string PopulationRole = "population";
    public const string EvaluatorRole = "evaluator";

    public ClusterTls? Tls { get; init; }

    public IReadOnlyList<string> SeedNodes => [Address(Join ?? $"{Hostname}:{Port}", Tls is not null)];

    /// <summary>A member's address: over TLS the transport's scheme is akka.ssl.tcp, and plain and TLS members never talk.</summary>
    public static string Address(string hostAndPort, bool tls) => $"akka{(tls ? ".ssl" : "")}.tcp://{SystemName}@{hostAndPort}";

    /// <summary>Checks a HOST:PORT given to --join or --cluster.</summary>
    public static string ParseHostAndPort(string option, string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"{option} {text}: use HOST:PORT, e.g. 127.0.0.1:4053");
        return text;
    }
}

using System.CommandLine;
using MetaLoss.Host.Configuration;

namespace MetaLoss.Host.Options;

/// <summary>--port, --hostname, --join, --tls and --insecure: where a clustered process listens, which cluster it joins, and how the transport is secured.</summary>
public sealed class NetworkOptions
{
    public NetworkOptions(string portDescription, bool joinRequired)
    {
        Port = new Option<int?>("--port") { Description = portDescription };
        Port.Validators.Add(r =>
        {
            if (OptionText.TryWholeNumber(r, out var port) && port is < 0 or > 65535) r.AddError("--port must be between 0 and 65535");
        });
        Join = new Option<string?>("--join") { Description = "HOST:PORT of a running member of the cluster to join", Required = joinRequired };
    }

    public Option<int?> Port { get; }

    public Option<string> Hostname { get; } = new("--hostname")
    {
        Description = "address this process binds and announces to the cluster",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public Option<string?> Join { get; }

    public TransportSecurityOptions Security { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Port);
        command.Options.Add(Hostname);
        command.Options.Add(Join);
        Security.AddTo(command);
    }

    /// <summary>The cluster settings asked for, or null when neither --port nor --join was given (no networking at all).</summary>
    public ClusterSettings? Read(ParseResult result, IReadOnlyList<string> roles)
    {
        var port = result.GetValue(Port);
        var join = result.GetValue(Join);
        if (port is null && join is null)
        {
            if (result.GetValue(Security.Tls) is not null || result.GetValue(Security.Insecure))
                throw new ArgumentException("--tls and --insecure secure the cluster transport: they need --port or --join");
            return null;
        }
        if (join is null && port == 0) throw new ArgumentException("--port 0: the first member of a cluster needs a fixed port for others to --join");
        var hostname = result.GetValue(Hostname)!;
        return new ClusterSettings(hostname, port ?? 0, join is null ? null : ClusterSettings.ParseHostAndPort("--join", join), roles)
        {
            Tls = Security.Read(result, hostname),
        };
    }
}

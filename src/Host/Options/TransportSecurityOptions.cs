using System.CommandLine;
using MetaLoss.Host.Security;

namespace MetaLoss.Host.Options;

/// <summary>--tls and --insecure: how a process that binds an address secures the cluster transport.</summary>
public sealed class TransportSecurityOptions
{
    public Option<string?> Tls { get; } = new("--tls")
    {
        Description = "folder with this cluster's certificates (the node/ folder made by `metaloss cert create DIR`): " +
                      "mutual TLS, only peers signed by the cluster's CA are accepted",
    };

    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "allow binding a non-loopback --hostname without TLS (anyone who reaches the port can join)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Tls);
        command.Options.Add(Insecure);
    }

    /// <summary>The certificates to use, or null for plain TCP; refuses plain TCP on a non-loopback address without --insecure.</summary>
    public ClusterTls? Read(ParseResult result, string hostname)
    {
        var folder = result.GetValue(Tls);
        BindPolicy.Check(hostname, tls: folder is not null, insecure: result.GetValue(Insecure));
        return folder is null ? null : ClusterTls.Load(folder);
    }
}

using System.Net;

namespace MetaLoss.Host.Security;

/// <summary>
/// Plain remoting has no authentication: whoever reaches the port can join, deliver results, or stop
/// actors. So without TLS a process binds only loopback, which no other machine can reach, unless
/// the user says --insecure.
/// </summary>
public static class BindPolicy
{
    public static bool IsLoopback(string hostname) =>
        hostname.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(hostname.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Refuses a non-loopback address without TLS, saying why and what to do instead.</summary>
    public static void Check(string hostname, bool tls, bool insecure)
    {
        if (tls || insecure || IsLoopback(hostname)) return;
        throw new ArgumentException(
            $"--hostname {hostname}: without TLS anyone who can reach this address could join the cluster, send it results or stop the run; " +
            "give --tls DIR (make one with `metaloss cert create DIR`), or --insecure if every machine on this network is trusted");
    }
}

using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaLoss.Host.Configuration;

/// <summary>The line a clustered process prints once started: where it listens and how others join it.</summary>
public static class ClusterAnnouncement
{
    public static void Print(IHost host, ClusterSettings cluster)
    {
        var address = Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>()).SelfAddress;
        var self = $"{address.Host}:{address.Port}";
        Console.WriteLine(cluster.Join is null
            ? $"Cluster started at {self} (roles {string.Join(", ", cluster.Roles)}{Transport(cluster)}); add evaluators with `metaloss node --join {self}{TlsOption(cluster)}`"
            : $"Joining the cluster at {cluster.Join} as {self} (roles {string.Join(", ", cluster.Roles)}{Transport(cluster)})");
    }

    private static string Transport(ClusterSettings cluster) => cluster.Tls is null ? "; plain TCP" : "; mutual TLS";

    private static string TlsOption(ClusterSettings cluster) => cluster.Tls is { } tls ? $" --tls {tls.Folder}" : "";
}

using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using Akka.Persistence.Sql;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// Refuses a --config override that turns a known section into a value ("metaloss = 5") or a known
/// value into a section: Akka's HOCON merge fails on either with a NullReferenceException, far from
/// the cause. Known means ours (hocon/) or the defaults of the Akka modules MetaLoss runs.
/// </summary>
public static class OverrideShapes
{
    private static readonly Lazy<Config> Known = new(() =>
        HoconFiles.Load("persistence-sqlite.conf", "persistence-postgresql.conf")
            .WithFallback(ConfigurationFactory.Default())
            .WithFallback(ConfigurationFactory.FromResource<Akka.Remote.RemoteSettings>("Akka.Remote.Configuration.Remote.conf"))
            .WithFallback(ConfigurationFactory.FromResource<Akka.Cluster.ClusterSettings>("Akka.Cluster.Configuration.Cluster.conf"))
            .WithFallback(Akka.Persistence.Persistence.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(SqlPersistence.DefaultConfiguration));

    public static void Check(Config overrides, Config defaults)
    {
        if (overrides.IsEmpty) return;
        Walk(overrides.Root, [defaults.Root, Known.Value.Root], "");
    }

    private static void Walk(HoconValue given, IReadOnlyList<HoconValue> known, string path)
    {
        if (known.Count == 0) return; // a setting we do not know: Akka reads it or ignores it
        var section = known.FirstOrDefault(k => k.IsObject());
        if (section is not null && path.Length > 0 && !given.IsObject())
        {
            var keys = section.GetObject().Items.Keys.Order().ToList();
            var shown = keys.Count == 0 ? "" : $" ({string.Join(", ", keys.Take(6))}{(keys.Count > 6 ? ", ..." : "")})";
            throw new ArgumentException($"--config: {path} is a section{shown}, not a value; set its keys, e.g. {path}.{keys.FirstOrDefault() ?? "KEY"} = ...");
        }
        if (section is null)
        {
            if (given.IsObject()) throw new ArgumentException($"--config: {path} is a value, not a section; set it with {path} = VALUE");
            return;
        }
        foreach (var (key, child) in given.GetObject().Items)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            Walk(child, [.. known.Where(k => k.IsObject()).Select(k => k.GetChildObject(key)).OfType<HoconValue>()], childPath);
        }
    }
}

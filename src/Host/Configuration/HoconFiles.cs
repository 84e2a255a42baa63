using Akka.Configuration;

namespace MetaLoss.Host.Configuration;

/// <summary>The default configuration shipped beside the binary under hocon/, one file per concern.</summary>
public static class HoconFiles
{
    public static Config Load(params string[] names)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "hocon");
        var config = Config.Empty;
        foreach (var name in names)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) throw new FileNotFoundException($"missing configuration file {path}");
            config = config.WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(path)));
        }
        return config;
    }
}

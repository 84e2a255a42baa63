using Akka.Configuration;

namespace MetaLoss.Host.Configuration;

/// <summary>`--config "path = value"` options, parsed as HOCON and layered over the hocon/ files.</summary>
public static class HoconOverrides
{
    public static Config Parse(IEnumerable<string> settings)
    {
        var config = Config.Empty;
        foreach (var setting in settings)
        {
            if (!setting.Contains('=') && !setting.Contains(':') && !setting.Contains('{'))
                throw new ArgumentException($"--config \"{setting}\": use path = value, e.g. \"metaloss.lease-timeout = 30s\"");
            Config parsed;
            try
            {
                parsed = ConfigurationFactory.ParseString(setting);
            }
            catch (Exception e)
            {
                throw new ArgumentException($"--config \"{setting}\": not HOCON ({e.Message})");
            }
            if (parsed.IsEmpty) throw new ArgumentException($"--config \"{setting}\": sets nothing; use path = value");
            config = parsed.WithFallback(config);
        }
        return config;
    }
}

namespace MetaLoss.Host.Bench;

/// <summary>The 1-minute load average: other work on the machine shows up in every number a bench prints.</summary>
public static class LoadAverage
{
    public static string Now() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}

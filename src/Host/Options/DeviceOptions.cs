using System.CommandLine;
using MetaLoss.Actors.Evaluation;

namespace MetaLoss.Host.Options;

/// <summary>--devices: the evaluator slots of this process.</summary>
public sealed class DeviceOptions
{
    public Option<string> Devices { get; } = new("--devices")
    {
        Description = "evaluator slots: cpu:N and/or cuda:I, comma-separated",
        DefaultValueFactory = _ => $"cpu:{Environment.ProcessorCount}",
    };

    public void AddTo(Command command) => command.Options.Add(Devices);

    /// <summary>The slots asked for; more CPU slots than cores still run, with a warning, since it may be meant (a shared machine's quota).</summary>
    public IReadOnlyList<DeviceSlot> Read(ParseResult result)
    {
        var slots = DeviceSlot.Parse(result.GetValue(Devices)!);
        if (Oversubscription(slots, Environment.ProcessorCount) is { } warning) Console.Error.WriteLine($"metaloss: warning: {warning}");
        return slots;
    }

    public static string? Oversubscription(IReadOnlyList<DeviceSlot> slots, int cores)
    {
        var cpu = slots.Count(s => s.Kind == DeviceKind.Cpu);
        return cpu <= cores
            ? null
            : $"--devices asks for {cpu} CPU slots on {cores} cores; more CPU slots than cores slow every episode (use cpu:{cores} or fewer)";
    }
}

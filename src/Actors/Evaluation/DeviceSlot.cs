using TorchSharp;

namespace MetaLoss.Actors.Evaluation;

/// <summary>A compute slot an evaluator is pinned to: one CPU thread, or one CUDA device.</summary>
public sealed record DeviceSlot(DeviceKind Kind, int Index)
{
    /// <summary>Each slot is a thread with its own episode memory; beyond this a typo, not a machine.</summary>
    public const int MaxCpuSlots = 1024;

    /// <summary>The torch device episodes on this slot compute on.</summary>
    public torch.Device TorchDevice => Kind == DeviceKind.Cpu ? torch.CPU : new torch.Device(DeviceType.CUDA, Index);

    public override string ToString() => $"{(Kind == DeviceKind.Cpu ? "cpu" : "cuda")}:{Index}";

    /// <summary>
    /// Parses "cpu:N" (N CPU slots) and "cuda:I" (the CUDA device with index I), comma-separated,
    /// e.g. "cpu:2,cuda:0". CUDA devices are checked against what TorchSharp reports.
    /// </summary>
    public static IReadOnlyList<DeviceSlot> Parse(string text, Func<int>? cudaDeviceCount = null)
    {
        var slots = new List<DeviceSlot>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':');
            if (pieces.Length != 2 || !int.TryParse(pieces[1], out var number) || number < 0)
                throw new ArgumentException($"--devices: cannot read '{part}'; use cpu:N (N CPU slots) or cuda:I (CUDA device I), e.g. cpu:2,cuda:0");
            switch (pieces[0].ToLowerInvariant())
            {
                case "cpu":
                    if (number == 0) throw new ArgumentException("--devices: cpu:0 asks for no CPU slots; use cpu:1 or more");
                    var first = slots.Count(s => s.Kind == DeviceKind.Cpu);
                    if (first + number > MaxCpuSlots)
                        throw new ArgumentException($"--devices: {first + number} CPU slots asked for; at most {MaxCpuSlots} (one per core is fastest)");
                    slots.AddRange(Enumerable.Range(first, number).Select(i => new DeviceSlot(DeviceKind.Cpu, i)));
                    break;
                case "cuda":
                    var available = (cudaDeviceCount ?? CudaDeviceCount)();
                    if (number >= available)
                        throw new ArgumentException(available == 0
                            ? $"--devices: {part} was asked for, but TorchSharp reports no CUDA device. This build uses TorchSharp-cpu; on a GPU host build with -p:TorchBackend=cuda (see README)"
                            : $"--devices: {part} was asked for, but TorchSharp reports only {available} CUDA device(s) (cuda:0..cuda:{available - 1})");
                    slots.Add(new DeviceSlot(DeviceKind.Cuda, number));
                    break;
                default:
                    throw new ArgumentException($"--devices: unknown device '{pieces[0]}' in '{part}'; use cpu or cuda");
            }
        }
        if (slots.Count == 0) throw new ArgumentException("--devices: no device slots given");
        if (slots.Distinct().Count() != slots.Count) throw new ArgumentException($"--devices: a device is listed twice in '{text}'");
        return slots;
    }

    private static int CudaDeviceCount() => torch.cuda.is_available() ? torch.cuda.device_count() : 0;
}

public enum DeviceKind
{
    Cpu,
    Cuda,
}

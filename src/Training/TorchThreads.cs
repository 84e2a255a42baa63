using TorchSharp;

namespace MetaLoss.Training;

/// <summary>
/// Sets libtorch's thread pools once, deliberately: each evaluator slot runs episodes on its own
/// thread, so intra-op parallelism per slot (default 1) times slots should not exceed the cores.
/// </summary>
public static class TorchThreads
{
    private static readonly object Gate = new();
    private static bool _configured;

    public static void Configure(int intraOpThreads)
    {
        if (intraOpThreads <= 0) throw new ArgumentException($"torch threads must be positive, got {intraOpThreads}");
        lock (Gate)
        {
            torch.set_num_threads(intraOpThreads);
            // The inter-op pool can only be sized before first use, so only the first call sets it.
            if (!_configured) torch.set_num_interop_threads(1);
            _configured = true;
        }
    }
}

using System.Runtime.CompilerServices;

namespace MetaLoss.Training.Tests;

/// <summary>
/// libtorch's intra-op thread count changes how sums are split, and so their last bits. Specs compare
/// results bit for bit, so the count is set once, before any spec runs, to what evaluators use (one
/// per slot); setting it lazily (e.g. when the first warm start is fitted) changed it mid-run.
/// </summary>
internal static class OneTorchThread
{
    [ModuleInitializer]
    internal static void Configure() => TorchThreads.Configure(1);
}

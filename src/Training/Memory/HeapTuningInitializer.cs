using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MetaLoss.Training.Memory;

/// <summary>Runs <see cref="HeapTuning.Ensure"/> when this assembly is first touched, so every program (and test) that trains gets it.</summary>
internal static class HeapTuningInitializer
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The thresholds should hold before the first episode allocates, whatever the caller touches first.")]
    internal static void Run() => HeapTuning.Ensure();
}

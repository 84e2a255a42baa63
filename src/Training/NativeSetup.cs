using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MetaLoss.Training.Memory;
using MetaLoss.Training.Mkl;

namespace MetaLoss.Training;

/// <summary>
/// The process-wide native set-up, run when this assembly is first touched: in a program that reaches
/// TorchSharp through MetaLoss.Training that is before libtorch loads (TorchSharp loads it lazily, at
/// its first native call), which MKL's override needs, and before the first episode allocates, which
/// the heap tuning wants. A program that calls TorchSharp first calls MklFastPath.Ensure() itself.
/// </summary>
internal static class NativeSetup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Both only work if done before libtorch loads or allocates, whatever the caller touches first.")]
    internal static void Run()
    {
        MklFastPath.Ensure();
        HeapTuning.Ensure();
    }
}

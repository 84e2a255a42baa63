using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MetaLoss.Training.Mkl;

/// <summary>
/// Runs <see cref="MklFastPath.Ensure"/> when this assembly is first touched, which in a program that
/// reaches TorchSharp through MetaLoss.Training is before libtorch loads (TorchSharp loads it lazily,
/// at its first native call). A program that calls TorchSharp first calls MklFastPath.Ensure() itself.
/// </summary>
internal static class MklFastPathInitializer
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The override only works if loaded before libtorch, whatever the caller touches first.")]
    internal static void Run() => MklFastPath.Ensure();
}

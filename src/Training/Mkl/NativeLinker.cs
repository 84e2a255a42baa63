using System.Runtime.InteropServices;

namespace MetaLoss.Training.Mkl;

/// <summary>
/// The dynamic linker's own calls: .NET's NativeLibrary loads libraries privately (RTLD_LOCAL), but
/// MKL's calls only bind to a definition in the global scope, and only dlopen can put one there.
/// </summary>
internal static class NativeLinker
{
    private const string Library = "libdl.so.2";
    private const int Now = 0x2;
    private const int Lazy = 0x1;
    private const int NoLoad = 0x4;
    private const int Global = 0x100;

    /// <summary>Loads the library into the global scope, binding it at once; the handle, or null and the linker's message.</summary>
    public static IntPtr LoadGlobal(string path, out string? error)
    {
        var handle = dlopen(path, Now | Global);
        error = handle == IntPtr.Zero ? Marshal.PtrToStringUTF8(dlerror()) ?? "dlopen failed" : null;
        return handle;
    }

    /// <summary>A handle to a library only if the process has already loaded it (by file or soname), else zero.</summary>
    public static IntPtr IfLoaded(string name) => dlopen(name, Lazy | NoLoad);

    public static IntPtr Symbol(IntPtr handle, string name) => dlsym(handle, name);

    public static void Release(IntPtr handle) => dlclose(handle);

    /// <summary>Calls a native function that takes nothing and returns a C int.</summary>
    public static int CallInt(IntPtr function) => Marshal.GetDelegateForFunctionPointer<IntFunction>(function)();

    /// <summary>Calls a native function that takes nothing and returns a C long.</summary>
    public static long CallLong(IntPtr function) => Marshal.GetDelegateForFunctionPointer<LongFunction>(function)();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int IntFunction();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate long LongFunction();

    [DllImport(Library, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr dlopen(string? path, int flags);

    [DllImport(Library, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr dlsym(IntPtr handle, string name);

    [DllImport(Library)]
    private static extern int dlclose(IntPtr handle);

    [DllImport(Library)]
    private static extern IntPtr dlerror();
}

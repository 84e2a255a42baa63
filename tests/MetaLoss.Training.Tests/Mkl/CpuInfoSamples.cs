namespace MetaLoss.Training.Tests.Mkl;

/// <summary>/proc/cpuinfo as Linux prints it on a few kinds of machine (first processor, trimmed; flags shortened).</summary>
public static class CpuInfoSamples
{
    private const string Avx512 = "avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512_bf16 avx512vbmi";

    public static string X86(string vendor, string model, string flags) => $"""
        processor	: 0
        vendor_id	: {vendor}
        cpu family	: 25
        model name	: {model}
        flags		: fpu vme de pse tsc msr sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c {flags}
        bogomips	: 4800.00

        processor	: 1
        vendor_id	: {vendor}
        flags		: fpu
        """;

    /// <summary>Zen 4: AMD with AVX-512, where MKL alone takes its AVX2 path.</summary>
    public static string AmdEpycGenoa => X86("AuthenticAMD", "AMD EPYC 9654 96-Core Processor", $"avx2 bmi2 {Avx512}");

    /// <summary>Zen 3: AMD without AVX-512.</summary>
    public static string AmdEpycMilan => X86("AuthenticAMD", "AMD EPYC 7763 64-Core Processor", "avx2 bmi2");

    public static string IntelSapphireRapids => X86("GenuineIntel", "Intel(R) Xeon(R) Platinum 8480+", $"avx2 bmi2 {Avx512}");

    /// <summary>Only part of the AVX-512 family (no BW/DQ/VL), as on a first-generation Xeon Phi.</summary>
    public static string PartialAvx512 => X86("AuthenticAMD", "hypothetical", "avx2 avx512f avx512cd");

    /// <summary>ARM's /proc/cpuinfo has no vendor_id or flags line.</summary>
    public const string Arm = """
        processor	: 0
        BogoMIPS	: 50.00
        Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics
        CPU implementer	: 0x41
        """;
}

/*
 * MKL (inside libtorch_cpu.so) asks this function whether the CPU is Intel's and, when it is not,
 * takes a generic AVX2 code path even on CPUs with AVX-512. Loaded with RTLD_GLOBAL before
 * libtorch, this definition is the one MKL's calls bind to, so MKL chooses its path from the CPU's
 * features alone (it still checks them itself). The counter lets MetaLoss verify that MKL really
 * called this definition rather than its own.
 */
static long answered;

int mkl_serv_intel_cpu_true(void)
{
    __atomic_add_fetch(&answered, 1, __ATOMIC_RELAXED);
    return 1;
}

long metaloss_mkl_vendor_checks_answered(void)
{
    return __atomic_load_n(&answered, __ATOMIC_RELAXED);
}

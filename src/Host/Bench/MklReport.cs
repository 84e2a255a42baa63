using MetaLoss.Training.Mkl;

namespace MetaLoss.Host.Bench;

/// <summary>Which MKL code path this process runs and why: the first line of `metaloss bench`, printed after libtorch is loaded.</summary>
public static class MklReport
{
    public static string Describe()
    {
        var status = MklFastPath.Ensure();
        var variable = MklFastPathSwitches.EnvironmentVariable;
        var mapped = MklFastPath.OverrideMapped() ? "mapped in this process" : "not mapped in this process";
        var fastPath = status.OverrideLoaded
            ? $"override on ({status.Decision.Reason}); loaded {(status.LoadedBeforeLibtorch ? "before" : "AFTER")} libtorch, {mapped}, " +
              $"answered MKL's vendor check {MklFastPath.VendorChecksAnswered()} times"
            : $"override off ({status.Decision.Reason}{(status.Problem is null ? "" : $"; {status.Problem}")}); {mapped}";
        return $"MKL code path: {MklCodePath.Describe()}; {fastPath}; switch: {variable}=auto|on|off";
    }
}

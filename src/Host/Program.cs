using System.CommandLine;
using MetaLoss.Host;
using MetaLoss.Host.Commands;
using MetaLoss.Training.Memory;
using MetaLoss.Training.Mkl;

// Before anything can load libtorch: MKL's fast path on CPUs that are not Intel's (METALOSS_MKL_FAST_PATH),
// and glibc malloc's thresholds (METALOSS_HEAP_TUNING).
if ((MklFastPath.Ensure().SettingError ?? HeapTuning.Ensure().SettingError) is { } badSwitch)
{
    Console.Error.WriteLine($"metaloss: {badSwitch}");
    return 2;
}

var root = new RootCommand("MetaLoss: evolve a learned loss function (Meta-Loss Network) for small-data image classification");
root.Subcommands.Add(EvolveCommand.Create());
root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(CalibrateCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(CertCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(RunCommand.Create());
SignalReadyAction.ApplyTo(root);

try
{
    var parsed = root.Parse(args);
    // Bad options are bad input: one line each and exit 2, as every other refusal (not the help page and 1).
    if (parsed.Errors.Count > 0 && args.Length > 0) return ErrorReport.ParseErrors(parsed, Console.Error);
    var exitCode = parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    // Cut off by the timeout after Ctrl+C or SIGTERM, in work that does not stop at once: still say so,
    // with the one exit code the README gives for both (System.CommandLine's is 143 for SIGTERM).
    if (parsed.Action is not SignalReadyAction { Finished: false }) return exitCode;
    StopNotice.Say("\nStopped.");
    AbruptExit.AfterTidying(130);
    return 130;
}
catch (Exception e)
{
    return ErrorReport.Handle(e, Console.Error);
}

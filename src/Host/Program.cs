using System.CommandLine;
using MetaLoss.Host.Commands;
using MetaLoss.Training.Data;

var root = new RootCommand("MetaLoss: evolve a learned loss function (Meta-Loss Network) for small-data image classification");
root.Subcommands.Add(EvolveCommand.Create());
root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(CalibrateCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(CertCommand.Create());

try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ArgumentException e)
{
    // The parameter name is for programmers; the message already says which option is wrong.
    var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "");
    Console.Error.WriteLine($"metaloss: {message}");
    return 2;
}
catch (Exception e) when (e is DataFileException or InvalidDataException or FileNotFoundException)
{
    Console.Error.WriteLine($"metaloss: {e.Message}");
    return 2;
}

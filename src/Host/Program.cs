using System.CommandLine;
using MetaLoss.Host.Commands;
using MetaLoss.Training.Data;

var root = new RootCommand("MetaLoss: evolve a learned loss function (Meta-Loss Network) for small-data image classification");
root.Subcommands.Add(CalibrateCommand.Create());

try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is ArgumentException or DataFileException)
{
    Console.Error.WriteLine($"metaloss: {e.Message}");
    return 2;
}

using System.CommandLine;
using MetaLoss.Host.Api;
using MetaLoss.Host.Options;

namespace MetaLoss.Host.Commands;

/// <summary>`metaloss runs --server URL`: the service's runs, one line each.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var server = new ServerOptions();
        var command = new Command("runs", "List the runs of a running `metaloss serve`");
        server.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            using var client = server.Connect(result);
            RunTable.Print(await client.Get<RunJson[]>("api/runs", cancellation));
            return 0;
        });
        return command;
    }
}

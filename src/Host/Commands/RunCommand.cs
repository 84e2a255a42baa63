using System.CommandLine;
using MetaLoss.Host.Api;
using MetaLoss.Host.Options;

namespace MetaLoss.Host.Commands;

/// <summary>`metaloss run pause|resume|cancel NAME --server URL`: change a run of a running service.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Pause, resume or cancel a run of a running `metaloss serve`");
        command.Subcommands.Add(Change("pause", "Stop leasing the run's episodes (episodes in flight still count)", "paused"));
        command.Subcommands.Add(Change("resume", "Lease a paused run's episodes again", "resumed"));
        command.Subcommands.Add(Change("cancel", "Stop the run for good (its journal stays)", "cancelled"));
        return command;
    }

    private static Command Change(string verb, string description, string done)
    {
        var server = new ServerOptions();
        var name = new Argument<string>("NAME") { Description = "the run's name" };
        var command = new Command(verb, description);
        command.Arguments.Add(name);
        server.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var run = result.GetValue(name)!;
            CreateRun.CheckName(run);
            using var client = server.Connect(result);
            var changed = await client.Post<RunJson>($"api/runs/{run}/{verb}", null, cancellation);
            Console.WriteLine($"{done} run {changed.Name}: {changed.State}, generation {changed.Generation}/{changed.Generations}");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using MetaLoss.Host.Api;
using MetaLoss.Host.Options;

namespace MetaLoss.Host.Commands;

/// <summary>`metaloss submit --server URL --name N [evolve options]`: adds a run to a running service.</summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var server = new ServerOptions();
        var runOptions = new RunOptions();
        var name = new Option<string>("--name") { Description = "the run's name on the server: lower-case letters, digits and dashes", Required = true };
        var priority = new Option<int>("--priority")
        {
            Description = $"the run's weight in the fair share of the evaluators (1 to {CreateRun.MaxPriority}; a run of weight 2 gets twice the episodes of one of weight 1)",
            DefaultValueFactory = _ => CreateRun.DefaultPriority,
        };
        var command = new Command("submit", "Submit a run to a running `metaloss serve` (the same options as evolve)");
        server.AddTo(command);
        command.Options.Add(name);
        command.Options.Add(priority);
        runOptions.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var body = new CreateRun(result.GetValue(name)!, result.GetValue(priority), runOptions.Request(result));
            // Checked here too, so a typo is one line before anything is sent.
            body.Check();
            using var client = server.Connect(result);
            var (run, created) = await client.Submit(CreateRunJson.From(body),
                preparing => Console.Error.WriteLine($"preparing run {preparing}: checking its data and fitting its initial MLN..."), cancellation);
            Console.WriteLine(created
                ? $"submitted run {run.Name} (id {run.Id}): {run.Generations} generations, priority {run.Priority}"
                : $"run {run.Name} (id {run.Id}) exists with these settings: {run.State}, generation {run.Generation}/{run.Generations}");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.CommandLine.Invocation;

namespace MetaLoss.Host;

/// <summary>
/// Makes Ctrl+C and SIGTERM reach a command from its first instant. System.CommandLine listens for
/// them only once the action has returned its task, and an action runs synchronously up to its first
/// await: loading data before it, `evolve` died silently on Ctrl+C instead of stopping with its message.
/// Knows whether the action finished, so Program can tell a command that stopped from one cut off.
/// </summary>
public sealed class SignalReadyAction(AsynchronousCommandLineAction inner) : AsynchronousCommandLineAction
{
    private volatile bool _finished;

    /// <summary>Whether the command's own action returned or threw (false when the timeout after a signal cut it off).</summary>
    public bool Finished => _finished;

    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        try
        {
            return await inner.InvokeAsync(parseResult, cancellationToken);
        }
        finally
        {
            _finished = true;
        }
    }

    /// <summary>Wraps every asynchronous action under <paramref name="command"/>.</summary>
    public static void ApplyTo(Command command)
    {
        if (command.Action is AsynchronousCommandLineAction action) command.Action = new SignalReadyAction(action);
        foreach (var sub in command.Subcommands) ApplyTo(sub);
    }
}

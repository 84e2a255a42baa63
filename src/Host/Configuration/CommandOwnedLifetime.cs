using Microsoft.Extensions.Hosting;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// Leaves Ctrl+C and SIGTERM to the command: System.CommandLine cancels its token and the command
/// stops its host itself, in its own order (progress line, exit code). The default ConsoleLifetime
/// would also stop the host on a signal, one more handler racing the command's.
/// </summary>
public sealed class CommandOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Akka.Actor;

namespace MetaLoss.Host.Runs;

/// <summary>
/// A joining process's view of its join: one line when it is in, one line if the member to join
/// does not answer (then it waits quietly: <see cref="Configuration.QuietTransportLogger"/> drops the transport's
/// repeated warnings), and a task that completes if it is still not in after the join timeout.
/// </summary>
public static class ClusterJoin
{
    /// <summary>How long a join may take before the node says it is waiting: a healthy one takes well under a second.</summary>
    private static readonly TimeSpan SayWaitingAfter = TimeSpan.FromSeconds(3);

    /// <summary>Completes only if the join timed out (never when there is no timeout).</summary>
    public static Task TimedOut(ActorSystem system, string join, TimeSpan? timeout)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var started = DateTime.UtcNow;
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() =>
        {
            up.TrySetResult();
            Console.WriteLine($"Joined the cluster at {join} after {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        });
        _ = Task.Delay(SayWaitingAfter).ContinueWith(_ =>
        {
            if (up.Task.IsCompleted) return;
            Console.WriteLine($"Cannot reach the cluster at {join} yet; waiting for it quietly (Ctrl+C to stop" +
                              (timeout is { } limit ? $", giving up after {Options.DurationOption.Format(limit)}" : ", or give --join-timeout") + ")");
        }, TaskScheduler.Default);
        if (timeout is not { } after) return new TaskCompletionSource().Task;
        return Task.WhenAny(up.Task, Task.Delay(after)).ContinueWith(first => first.Result == up.Task ? Task.Delay(Timeout.Infinite) : Task.CompletedTask,
            TaskScheduler.Default).Unwrap();
    }
}

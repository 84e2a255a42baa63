using System.Runtime.ExceptionServices;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// Parallel.For on a fixed number of threads that fails the way a loop would: with the first error
/// itself (a bad data file is then its one-line <c>DataFileException</c>), not an AggregateException
/// of copies of it.
/// </summary>
public static class ParallelWork
{
    public static void For(int count, int threads, Action<int> body, CancellationToken cancellation)
    {
        if (threads <= 0) throw new ArgumentException($"threads must be positive, got {threads}");
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        try
        {
            Parallel.For(0, count, options, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}

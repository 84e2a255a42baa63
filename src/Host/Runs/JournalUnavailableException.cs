using System.Data.Common;

namespace MetaLoss.Host.Runs;

/// <summary>
/// The journal's database answered with an error while it was being read (locked by another process,
/// down, out of space): nothing is wrong with the input, and a later try may work. Exit 5, as for a
/// journal that keeps failing while a run goes on.
/// </summary>
public sealed class JournalUnavailableException(string journal, DbException cause)
    : Exception($"the journal {journal} cannot be read now ({cause.Message}); nothing was changed, run the same command again when it is free", cause)
{
    public static DbException? DatabaseFault(Exception e) =>
        e as DbException ?? (e.InnerException is { } inner ? DatabaseFault(inner) : null);
}

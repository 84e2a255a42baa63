namespace MetaLoss.Actors.Messages;

/// <summary>
/// Every one of a parent's <paramref name="Evaluators"/> evaluators has stopped after failing
/// repeatedly: nothing here can run episodes any more. Sent to the population's progress
/// subscribers (embedded runs), and reported by a node's evaluator pool.
/// </summary>
public sealed record EvaluatorsFailed(int Evaluators, string LastError) : IPopulationMessage
{
    public string LastError { get; } = ErrorText.Bounded(LastError);
}

/// <summary>
/// The population's journal failed (a write failed or was rejected, or recovery failed); published
/// on the event stream so that whoever watches the run can name the cause if the failures go on.
/// </summary>
public sealed record JournalFault(string Cause) : IPopulationMessage
{
    public string Cause { get; } = ErrorText.Bounded(Cause);
}

/// <summary>An exception's message is not ours to size: a message that carries one keeps it bounded.</summary>
public static class ErrorText
{
    public const int MaxLength = 2_000;

    public static string Bounded(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "...";

    /// <summary>The bounded message of what went wrong: of the first inner exception when a task wrapped it.</summary>
    public static string Of(Exception e) =>
        Bounded((e is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : e).Message);
}

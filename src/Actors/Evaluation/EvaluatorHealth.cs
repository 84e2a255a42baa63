using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// A parent's view of its evaluators: which still live, and the last failure its supervisor
/// strategy saw, so that when the last one stops the parent can say why. Used only from the
/// parent's own message handling (the strategy's decider runs there too).
/// </summary>
public sealed class EvaluatorHealth
{
    private readonly HashSet<IActorRef> _live = [];
    private int _started;
    private string? _lastError;

    public void Started(IActorRef evaluator)
    {
        _live.Add(evaluator);
        _started++;
    }

    public void Failed(Exception cause) => _lastError = cause.Message;

    /// <summary>The failure to report when <paramref name="evaluator"/> was the last one alive, else null.</summary>
    public EvaluatorsFailed? Stopped(IActorRef evaluator) =>
        _live.Remove(evaluator) && _live.Count == 0
            ? new EvaluatorsFailed(_started, _lastError ?? "the evaluators stopped without an error")
            : null;
}

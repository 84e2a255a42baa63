namespace MetaLoss.Training.Episodes;

/// <summary>
/// Per-member curves and outcomes of a batch, following EpisodeRunner's rules member by member:
/// a member whose training loss is not finite stops recording at that step and is flagged; the
/// others carry on.
/// </summary>
public sealed class BatchCurves
{
    private readonly List<float>[] _trainLoss;
    private readonly List<float>[] _trainAccuracy;
    private readonly List<float>[] _validationAccuracy;
    private readonly EpisodeOutcome[] _outcomes;

    public BatchCurves(int members, int steps)
    {
        _trainLoss = NewLists(members, steps);
        _trainAccuracy = NewLists(members, steps);
        _validationAccuracy = NewLists(members, steps);
        _outcomes = new EpisodeOutcome[members];
    }

    /// <summary>Members still training: not flagged so far.</summary>
    public bool[] Live => _outcomes.Select(o => o == EpisodeOutcome.Completed).ToArray();

    public bool AnyLive => _outcomes.Any(o => o == EpisodeOutcome.Completed);

    /// <summary>One step's training loss and accuracy of every member; flags members whose loss is not finite.</summary>
    public void RecordTrainStep(float[] losses, float[] accuracies)
    {
        for (var p = 0; p < _outcomes.Length; p++)
        {
            if (_outcomes[p] != EpisodeOutcome.Completed) continue;
            if (!float.IsFinite(losses[p]))
            {
                _outcomes[p] = EpisodeOutcome.NonFiniteLoss;
                continue;
            }
            _trainLoss[p].Add(losses[p]);
            _trainAccuracy[p].Add(accuracies[p]);
        }
    }

    public void RecordValidation(float[] accuracies)
    {
        for (var p = 0; p < _outcomes.Length; p++)
        {
            if (_outcomes[p] == EpisodeOutcome.Completed) _validationAccuracy[p].Add(accuracies[p]);
        }
    }

    /// <summary>
    /// One result per member: a live member whose squared weight norm reached the limit is flagged
    /// as exploded; every flagged member scores 0, every other its final validation accuracy.
    /// </summary>
    public EpisodeResult[] Finish(double[] squaredNorms, double explodedSquaredNorm, float[] finalValidationAccuracy)
    {
        var results = new EpisodeResult[_outcomes.Length];
        for (var p = 0; p < results.Length; p++)
        {
            if (_outcomes[p] == EpisodeOutcome.Completed && !(squaredNorms[p] < explodedSquaredNorm))
                _outcomes[p] = EpisodeOutcome.ExplodedClassifier;
            results[p] = _outcomes[p] == EpisodeOutcome.Completed
                ? new EpisodeResult(finalValidationAccuracy[p], EpisodeOutcome.Completed,
                    [.. _trainLoss[p]], [.. _trainAccuracy[p]], [.. _validationAccuracy[p]])
                : EpisodeResult.Failed(_outcomes[p], _trainLoss[p], _trainAccuracy[p], _validationAccuracy[p]);
        }
        return results;
    }

    private static List<float>[] NewLists(int members, int capacity) =>
        Enumerable.Range(0, members).Select(_ => new List<float>(capacity)).ToArray();
}

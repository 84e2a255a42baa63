using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// The training loss of a group whose members may train with different losses (`evaluate` runs
/// every loss of an episode as one group): each run of consecutive members of one kind
/// (<see cref="BatchedLosses.KindOf"/>) gets that kind's own loss on its slice of the logits, and the
/// values and gradients are joined in member order. A group of one kind is that kind's loss alone.
/// </summary>
public sealed class GroupTrainingLoss : ITrainingLoss
{
    private readonly IReadOnlyList<(long Start, long Count, ILoss Loss, ITrainingLoss Training)> _runs;

    private GroupTrainingLoss(IReadOnlyList<(long, long, ILoss, ITrainingLoss)> runs) => _runs = runs;

    /// <summary>The group's loss for <paramref name="losses"/> (one per member) and its targets [P, B, K].</summary>
    public static GroupTrainingLoss For(IReadOnlyList<LossSpec> losses, Tensor oneHotTargets, Device? device = null)
    {
        if (losses.Count == 0) throw new ArgumentException("a group needs at least one loss");
        var runs = new List<(long, long, ILoss, ITrainingLoss)>();
        for (var start = 0; start < losses.Count;)
        {
            var kind = BatchedLosses.KindOf(losses[start]);
            var end = start + 1;
            while (end < losses.Count && BatchedLosses.KindOf(losses[end]) == kind) end++;
            var loss = BatchedLosses.Create(losses.Skip(start).Take(end - start).ToList(), device);
            var targets = end - start == losses.Count ? oneHotTargets : oneHotTargets.narrow(0, start, end - start);
            runs.Add((start, end - start, loss, TrainingLoss.For(loss, targets)));
            start = end;
        }
        return new GroupTrainingLoss(runs);
    }

    public (Tensor Values, Tensor Gradient) ValuesAndGradient(Tensor logits, double progress)
    {
        if (_runs.Count == 1) return _runs[0].Training.ValuesAndGradient(logits, progress);
        var parts = _runs.Select(run => run.Training.ValuesAndGradient(logits.narrow(0, run.Start, run.Count), progress)).ToList();
        return (cat(parts.Select(p => p.Values).ToList(), 0), cat(parts.Select(p => p.Gradient).ToList(), 0));
    }

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            run.Training.Dispose();
            run.Loss.Dispose();
        }
    }
}

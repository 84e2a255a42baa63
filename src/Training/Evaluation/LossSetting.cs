using System.Globalization;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Evaluation;

/// <summary>A loss together with the learning rate, and optional schedule, it trains a classifier with.</summary>
public sealed record LossSetting(LossSpec Loss, double LearningRate, LearningRateSchedule? Schedule = null)
{
    public EpisodeSpec ApplyTo(EpisodeSpec template) =>
        template with { Loss = Loss, LearningRate = LearningRate, Schedule = Schedule };

    /// <summary>e.g. "CE lr 0.4, cosine decay to 0.25x".</summary>
    public override string ToString() =>
        $"{Loss.Label} lr {LearningRate.ToString("G4", CultureInfo.InvariantCulture)}{(Schedule is null ? "" : $", {Schedule}")}";
}

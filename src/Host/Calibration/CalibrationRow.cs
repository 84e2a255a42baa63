using MetaLoss.Training.Models;
using MetaLoss.Training.Statistics;

namespace MetaLoss.Host.Calibration;

/// <summary>One line of `calibrate`'s table: a loss at one learning rate, and its accuracy over the suite's episodes.</summary>
public sealed record CalibrationRow(LossSpec Loss, double LearningRate, SampleSummary Accuracy);

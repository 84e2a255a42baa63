using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines.Families;

/// <summary>CE with its best decaying schedule (initial rate, decay and final fraction all tuned).</summary>
public static class CrossEntropyScheduleBaseline
{
    public static BaselineFamily Family { get; } =
        new ScheduledFamily("ce-schedule", "CE, decaying lr", "CE (tuned schedule)", ScheduleAxes.CrossEntropy, new LossSpec.CrossEntropy());
}

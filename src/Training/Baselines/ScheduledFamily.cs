using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines;

/// <summary>
/// A loss trained with a decaying schedule, tuned over the schedule axes crossed with the loss's own
/// parameter if it has one (parameter-major: every schedule for the first value, then the next).
/// </summary>
public sealed class ScheduledFamily : BaselineFamily
{
    private readonly Func<double, LossSpec> _loss;
    private readonly string _contenderName;

    /// <summary>A loss with parameter <paramref name="parameter"/> (null: none): <paramref name="loss"/> makes the spec of one value.</summary>
    public ScheduledFamily(string name, string title, string contenderName, ScheduleAxes schedules, GridAxis<double>? parameter, Func<double, LossSpec> loss)
    {
        Name = name;
        Title = title;
        _contenderName = contenderName;
        Schedules = schedules;
        Parameter = parameter;
        _loss = loss;
    }

    /// <summary>A loss without a parameter.</summary>
    public ScheduledFamily(string name, string title, string contenderName, ScheduleAxes schedules, LossSpec loss)
        : this(name, title, contenderName, schedules, null, _ => loss)
    {
    }

    public override string Name { get; }

    public override string Title { get; }

    public ScheduleAxes Schedules { get; }

    public GridAxis<double>? Parameter { get; }

    public override IReadOnlyList<GridAxis> Axes => Parameter is null ? Schedules.All : [Parameter, .. Schedules.All];

    public override IReadOnlyList<LossSetting> Candidates(BaselineGrid grid)
    {
        IReadOnlyList<double> values = Parameter is null ? [0] : grid.Values(Parameter);
        return
        [
            .. from value in values
            let loss = _loss(value)
            from point in Schedules.Points(grid)
            select new LossSetting(loss, point.Rate, point.Schedule),
        ];
    }

    public override string ContenderName(LossSetting chosen, double runLearningRate) => _contenderName;
}

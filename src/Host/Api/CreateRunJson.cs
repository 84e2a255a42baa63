using MetaLoss.Training.Evolution;

namespace MetaLoss.Host.Api;

/// <summary>
/// A <see cref="CreateRun"/> with every field spelled out: what `submit` sends (so the server's
/// defaults cannot change what was asked for), the settings in a run's detail, and the body's schema
/// in the OpenAPI document. The server reads bodies with <see cref="CreateRun.Parse"/>, which also
/// takes a subset of these fields.
/// </summary>
public sealed record CreateRunJson(
    string Name, int Priority, int Generations, int Population, float Sigma, ulong Seed, int EpisodesPerCandidate, bool Unpaired,
    string Init, int ValidationEpisodes, int ValidationTop, double Lr, int PerClass, int ValidationSize, int Hidden1, int Hidden2, int Steps,
    int BatchSize, string Strategy, string Tasks, string TaskSteps, string TaskPerClass, string TaskHidden1, string TaskHidden2, string TaskLr,
    string TaskClasses, bool ProgressInput)
{
    public static CreateRunJson From(CreateRun body)
    {
        var run = body.Run;
        return new CreateRunJson(body.Name, body.Priority, run.Generations, run.Population, run.Sigma, run.Seed, run.EpisodesPerCandidate,
            run.Unpaired, RunRequest.FormatInit(run.Init), run.ValidationEpisodes, run.ValidationTop, run.Lr, run.PerClass, run.ValidationSize,
            run.Hidden1, run.Hidden2, run.Steps, run.BatchSize, SearchStrategyNames.Format(run.Strategy), run.Tasks, run.TaskSteps, run.TaskPerClass,
            run.TaskHidden1, run.TaskHidden2, run.TaskLr, run.TaskClasses, run.ProgressInput);
    }

    /// <summary>The choices these fields hold (an unknown init or strategy reads as the default; the server only sends known ones).</summary>
    public RunRequest ToRequest() => new()
    {
        Generations = Generations, Population = Population, Sigma = Sigma, Seed = Seed, EpisodesPerCandidate = EpisodesPerCandidate,
        Unpaired = Unpaired, Init = RunRequest.ParseInit(Init) ?? RunRequest.Default.Init, ValidationEpisodes = ValidationEpisodes,
        ValidationTop = ValidationTop, Lr = Lr, PerClass = PerClass, ValidationSize = ValidationSize, Hidden1 = Hidden1, Hidden2 = Hidden2,
        Steps = Steps, BatchSize = BatchSize, Strategy = SearchStrategyNames.Parse(Strategy ?? "") ?? RunRequest.Default.Strategy,
        Tasks = Tasks, TaskSteps = TaskSteps, TaskPerClass = TaskPerClass, TaskHidden1 = TaskHidden1, TaskHidden2 = TaskHidden2, TaskLr = TaskLr,
        TaskClasses = TaskClasses,
        ProgressInput = ProgressInput,
    };
}

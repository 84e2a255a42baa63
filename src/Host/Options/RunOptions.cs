using System.CommandLine;
using System.CommandLine.Parsing;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Host.Api;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Host.Options;

/// <summary>
/// The options that define a run (its settings and seed): `evolve` and `submit` share them, so a run
/// submitted to a server is the run `evolve` would make from the same command line.
/// </summary>
public sealed class RunOptions
{
    public EpisodeOptions Episode { get; } = new();
    public Option<int> Generations { get; } = EpisodeOptions.Positive("--generations", RunRequest.Default.Generations, "generations to evolve");
    public Option<int> Parents { get; } = EpisodeOptions.Positive("--population", RunRequest.Default.Population, "parents T (each generation scores 2T candidates)");

    public Option<float> Sigma { get; } = new("--sigma")
    {
        Description = "initial mutation strength of every MLN parameter (self-adapted from there)",
        DefaultValueFactory = _ => RunRequest.Default.Sigma,
    };

    public Option<int> EpisodesPerCandidate { get; } =
        EpisodeOptions.Positive("--episodes-per-candidate", RunRequest.Default.EpisodesPerCandidate, "episodes averaged into one candidate's fitness");

    public Option<int> BatchSize { get; } = EpisodeOptions.Positive("--batch-size", RunRequest.Default.BatchSize,
        "episodes computed together as one batch: each generation's episodes are planned into groups of this many",
        RunSettings.MaxBatchSize);

    public Option<bool> Unpaired { get; } = new("--unpaired")
    {
        Description = "one fresh episode set per candidate, as the paper (default: all candidates of a generation share its episodes, which is less noisy)",
    };

    public Option<MlnInit> Init { get; } = new("--init")
    {
        Description = "initial MLN: focal (default), label-smoothing, poly1 (fitted to that baseline at its tuned rate and schedule; needs the progress input), " +
                      "ce (fitted to cross-entropy), mse (fitted to MSE), random (the paper's, rescaled to CE's gradient norm)",
        DefaultValueFactory = _ => RunRequest.Default.Init,
        CustomParser = ParseInit,
    };

    public Option<int> ValidationEpisodes { get; } = new("--validation-episodes")
    {
        Description = "episodes of the fixed meta-validation set (held-out FashionMNIST train images) that pick the run's best MLN; 0 turns it off",
        DefaultValueFactory = _ => RunRequest.Default.ValidationEpisodes,
    };

    public Option<int> ValidationTop { get; } = new("--validation-top")
    {
        Description = "how many of each generation's best candidates are scored on the meta-validation set",
        DefaultValueFactory = _ => RunRequest.Default.ValidationTop,
    };

    public Option<SearchStrategyName> Strategy { get; } = new("--strategy")
    {
        Description = "search strategy: mu-plus-lambda (the paper's self-adaptive ES) or cma-es (separable CMA-ES: the mean and 2T-1 samples a generation)",
        DefaultValueFactory = _ => RunRequest.Default.Strategy,
        CustomParser = ParseStrategy,
    };

    public Option<bool> ProgressInput { get; } = new("--progress-input")
    {
        Description = "the MLN also sees the training progress step / steps, so the learned loss can also learn a schedule; " +
                      "--progress-input false for an MLN without it",
        DefaultValueFactory = _ => RunRequest.Default.ProgressInput,
    };

    public Option<ulong> Seed { get; } = new("--seed")
    {
        Description = "run seed: the whole run is a pure function of it",
        DefaultValueFactory = _ => RunRequest.Default.Seed,
    };

    public Option<double> LearningRate { get; } = new("--lr")
    {
        Description = "inner-loop SGD learning rate",
        DefaultValueFactory = _ => RunRequest.Default.Lr,
    };

    public Option<string> Tasks { get; } = new("--tasks")
    {
        Description = "meta-train over a distribution of task sources, NAME:WEIGHT,... from fashion-mnist (the meta-training part), teacher, gaussian-mixture, " +
                      "fashion-mnist-rotated, fashion-mnist-inverted, fashion-mnist-noisy, fashion-mnist-cropped; each episode index of a generation draws one " +
                      $"(default: {RunRequest.AllSources}; '{RunRequest.TemplateOnly}': FashionMNIST's meta-training part alone, as before sources)",
        DefaultValueFactory = _ => RunRequest.Default.Tasks,
    };

    public Option<string> TaskSteps { get; } = Text("--task-steps", "draw each episode's SGD steps from MIN..MAX (default: --steps)");
    public Option<string> TaskPerClass { get; } = Text("--task-per-class", "draw each episode's training examples per class from MIN..MAX (default: --per-class)");
    public Option<string> TaskHidden1 { get; } = Text("--task-hidden1", "draw each episode's first hidden layer from MIN..MAX (default: --hidden1)");
    public Option<string> TaskHidden2 { get; } = Text("--task-hidden2", "draw each episode's second hidden layer from MIN..MAX (default: --hidden2)");
    public Option<string> TaskLr { get; } = Text("--task-lr", "draw each episode's learning rate from MIN..MAX, log-uniformly (default: --lr)");
    public Option<string> TaskClasses { get; } = new("--task-classes")
    {
        Description = $"draw each episode's number of classes from MIN..MAX (2..{TaskDistribution.SourceClasses}) and that many of the source's classes; " +
                      $"'{RunRequest.AllClasses}': every episode on all of them",
        DefaultValueFactory = _ => RunRequest.Default.TaskClasses,
    };

    public void AddTo(Command command)
    {
        Episode.AddTo(command);
        foreach (var option in new Option[] { Generations, Parents, Strategy, Sigma, EpisodesPerCandidate, BatchSize, Unpaired, Init, ProgressInput, ValidationEpisodes, ValidationTop, Seed, LearningRate,
                     Tasks, TaskSteps, TaskPerClass, TaskHidden1, TaskHidden2, TaskLr, TaskClasses })
            command.Options.Add(option);
    }

    /// <summary>The run asked for on the command line (not yet validated: <see cref="RunRequest.ToSettings"/> does that).</summary>
    public RunRequest Request(ParseResult result) => RunRequest.Default with
    {
        Generations = result.GetValue(Generations),
        Population = result.GetValue(Parents),
        Sigma = result.GetValue(Sigma),
        EpisodesPerCandidate = result.GetValue(EpisodesPerCandidate),
        Unpaired = result.GetValue(Unpaired),
        Init = result.GetValue(Init),
        ValidationEpisodes = result.GetValue(ValidationEpisodes),
        ValidationTop = result.GetValue(ValidationTop),
        Seed = result.GetValue(Seed),
        Lr = result.GetValue(LearningRate),
        PerClass = result.GetValue(Episode.PerClass),
        ValidationSize = result.GetValue(Episode.ValidationSize),
        Hidden1 = result.GetValue(Episode.FirstHidden),
        Hidden2 = result.GetValue(Episode.SecondHidden),
        Steps = result.GetValue(Episode.Steps),
        BatchSize = result.GetValue(BatchSize),
        Strategy = result.GetValue(Strategy),
        ProgressInput = result.GetValue(ProgressInput),
        Tasks = result.GetValue(Tasks)!,
        TaskSteps = result.GetValue(TaskSteps)!,
        TaskPerClass = result.GetValue(TaskPerClass)!,
        TaskHidden1 = result.GetValue(TaskHidden1)!,
        TaskHidden2 = result.GetValue(TaskHidden2)!,
        TaskLr = result.GetValue(TaskLr)!,
        TaskClasses = result.GetValue(TaskClasses)!,
    };

    /// <summary>The settings whose options were not given: a resumed run keeps its journaled ones.</summary>
    public UnstatedSettings Unstated(ParseResult result) =>
        SettingOf().Where(pair => !Given(result, pair.Option)).Aggregate(UnstatedSettings.None, (unstated, pair) => unstated | pair.Setting);

    /// <summary>The setting each option of a run sets (every one of them: a test checks none is missing).</summary>
    public IEnumerable<(Option Option, UnstatedSettings Setting)> SettingOf() =>
    [
        (Generations, UnstatedSettings.Generations), (Parents, UnstatedSettings.Population), (Strategy, UnstatedSettings.Strategy),
        (Sigma, UnstatedSettings.Sigma), (EpisodesPerCandidate, UnstatedSettings.EpisodesPerCandidate), (BatchSize, UnstatedSettings.BatchSize),
        (Unpaired, UnstatedSettings.Pairing), (Init, UnstatedSettings.Init), (ProgressInput, UnstatedSettings.ProgressInput),
        (ValidationEpisodes, UnstatedSettings.ValidationEpisodes), (ValidationTop, UnstatedSettings.ValidationTop), (Seed, UnstatedSettings.Seed),
        (LearningRate, UnstatedSettings.LearningRate), (Episode.PerClass, UnstatedSettings.PerClass), (Episode.ValidationSize, UnstatedSettings.ValidationSize),
        (Episode.FirstHidden, UnstatedSettings.FirstHidden), (Episode.SecondHidden, UnstatedSettings.SecondHidden), (Episode.Steps, UnstatedSettings.Steps),
        (Tasks, UnstatedSettings.TaskSources), (TaskSteps, UnstatedSettings.TaskSteps), (TaskPerClass, UnstatedSettings.TaskPerClass),
        (TaskHidden1, UnstatedSettings.TaskFirstHidden), (TaskHidden2, UnstatedSettings.TaskSecondHidden), (TaskLr, UnstatedSettings.TaskLearningRate),
        (TaskClasses, UnstatedSettings.TaskClasses),
    ];

    private static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static Option<string> Text(string name, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => "",
    };

    private static MlnInit ParseInit(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? RunRequest.FormatInit(RunRequest.Default.Init) : result.Tokens[0].Value;
        if (RunRequest.ParseInit(text) is { } init) return init;
        result.AddError($"--init: unknown '{text}'; use {RunRequest.InitChoices}");
        return RunRequest.Default.Init;
    }

    private static SearchStrategyName ParseStrategy(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (SearchStrategyNames.Parse(text) is { } strategy) return strategy;
        result.AddError($"--strategy: unknown '{text}'; use {SearchStrategyNames.Choices}");
        return RunRequest.Default.Strategy;
    }
}

using System.Globalization;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Host.Api;

/// <summary>
/// The choices that define a run, as `evolve`'s options and the API's CreateRun body name them, with
/// evolve's defaults. <see cref="ToSettings"/> is the one place they become <see cref="RunSettings"/>,
/// so a run made by `evolve` and one submitted to `serve` from the same choices are the same run.
/// </summary>
public sealed record RunRequest
{
    public static RunRequest Default { get; } = new();

    /// <summary>
    /// 60 generations of 20 parents: from focal's start, more search raised FashionMNIST on every
    /// seed measured and kept CIFAR-10 (README, "What the defaults are and why"); about 1.5 minutes.
    /// </summary>
    public int Generations { get; init; } = 60;
    public int Population { get; init; } = 20;
    public float Sigma { get; init; } = new EvolutionSettings().InitialSigma;
    public ulong Seed { get; init; } = 1;
    public int EpisodesPerCandidate { get; init; } = 3;
    public bool Unpaired { get; init; }
    /// <summary>
    /// Focal loss at its tuned rate and schedule by default: from a tuned start evolution keeps the
    /// transfer to CIFAR-10 that a CE start loses, and focal's start won the most transfer-scoreboard
    /// rows (README, "What the defaults are and why").
    /// </summary>
    public MlnInit Init { get; init; } = MlnInit.FocalFit;
    public int ValidationEpisodes { get; init; } = MetaValidation.Default.Episodes;
    public int ValidationTop { get; init; } = MetaValidation.Default.TopCandidates;
    public double Lr { get; init; } = EpisodeDefaults.LearningRate;
    public int PerClass { get; init; } = EpisodeDefaults.PerClassTrain;
    public int ValidationSize { get; init; } = EpisodeDefaults.ValidationSize;
    public int Hidden1 { get; init; } = EpisodeDefaults.FirstHidden;
    public int Hidden2 { get; init; } = EpisodeDefaults.SecondHidden;
    public int Steps { get; init; } = EpisodeDefaults.Steps;
    public int BatchSize { get; init; } = RunSettings.DefaultBatchSize;
    public SearchStrategyName Strategy { get; init; } = SearchStrategyName.MuPlusLambda;

    /// <summary>
    /// Whether the MLN also sees the training progress step / steps (<see cref="MlnArchitecture.ProgressInput"/>).
    /// On by default: with it the MLN learns its own schedule (README, "What the defaults are and why").
    /// </summary>
    public bool ProgressInput { get; init; } = true;

    /// <summary>
    /// Task sources as NAME:WEIGHT,... (<see cref="TaskDistributionText"/>); empty: FashionMNIST's
    /// meta-training part alone. By default all of them, FashionMNIST weighted three: with the label
    /// smoothing start this transferred best (README, "What the defaults are and why").
    /// </summary>
    public string Tasks { get; init; } = AllSources;

    /// <summary>
    /// The <see cref="Tasks"/> (like empty) of the template's dataset alone, as runs before task
    /// sources and the previous default: not the same run as the source "fashion-mnist" with ranges,
    /// which draws its one source from the stream the ranges are then drawn from.
    /// </summary>
    public const string TemplateOnly = "template";

    /// <summary>The default <see cref="Tasks"/>: every meta-training source.</summary>
    public const string AllSources =
        "fashion-mnist-meta-train:3,teacher:1,gaussian-mixture:1,fashion-mnist-rotated:1,fashion-mnist-inverted:1,fashion-mnist-noisy:1,fashion-mnist-cropped:1";

    /// <summary>Ranges (MIN..MAX or one value) each training episode's regime is drawn from; empty: the fixed value above.</summary>
    public string TaskSteps { get; init; } = "";
    public string TaskPerClass { get; init; } = "";
    public string TaskHidden1 { get; init; } = "";
    public string TaskHidden2 { get; init; } = "";
    public string TaskLr { get; init; } = "";

    /// <summary>
    /// How many classes each training episode uses (a subset drawn per episode); <see cref="AllClasses"/>
    /// or empty: all of the source's. By default 6 to 10: with the progress input alone the MLN collapses
    /// on tasks of few classes, with this it does not (README, "What the defaults are and why").
    /// </summary>
    public string TaskClasses { get; init; } = "6..10";

    /// <summary>The <see cref="TaskClasses"/> that keeps every episode on all of the source's classes.</summary>
    public const string AllClasses = "all";

    /// <summary>The run's settings (no data fingerprints yet); a bad value is a <see cref="RunRequestException"/> naming its field.</summary>
    public RunSettings ToSettings()
    {
        CheckFields();
        var settings = new RunSettings(
            Seed, Generations,
            new EvolutionSettings { Parents = Population, InitialSigma = Sigma },
            MlnArchitecture.Default with { ProgressInput = ProgressInput },
            new EpisodeSpec(DatasetName.FashionMnistMetaTrain, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0,
                PerClassTrain: PerClass, ValidationSize: ValidationSize, FirstHidden: Hidden1, SecondHidden: Hidden2, Steps: Steps)
            {
                LearningRate = Lr,
            },
            EpisodesPerCandidate, !Unpaired, Init)
        {
            MetaValidation = MetaValidation.Default with { Episodes = ValidationEpisodes, TopCandidates = ValidationTop },
            BatchSize = BatchSize,
            Strategy = Strategy,
            Tasks = TaskDistribution(),
        };
        // What is left after the per-field checks is the size of a generation: its episodes, then its meta-validation's.
        Validated(settings with { MetaValidation = MetaValidation.None }, "population");
        Validated(settings, "validationEpisodes");
        return settings;
    }

    /// <summary>The choices a run was made from (the inverse of <see cref="ToSettings"/>).</summary>
    public static RunRequest From(RunSettings settings) => new()
    {
        Generations = settings.Generations,
        Population = settings.Evolution.Parents,
        Sigma = settings.Evolution.InitialSigma,
        Seed = settings.Seed,
        EpisodesPerCandidate = settings.EpisodesPerCandidate,
        Unpaired = !settings.PairedEpisodes,
        Init = settings.Init,
        ValidationEpisodes = settings.MetaValidation.Episodes,
        ValidationTop = settings.MetaValidation.TopCandidates,
        Lr = settings.Template.LearningRate,
        PerClass = settings.Template.PerClassTrain,
        ValidationSize = settings.Template.ValidationSize,
        Hidden1 = settings.Template.FirstHidden,
        Hidden2 = settings.Template.SecondHidden,
        Steps = settings.Template.Steps,
        BatchSize = settings.BatchSize,
        Strategy = settings.Strategy,
        ProgressInput = settings.Architecture.ProgressInput,
        Tasks = settings.Tasks.Sources.Count == 0 ? TemplateOnly : TaskDistributionText.FormatSources(settings.Tasks.Sources),
        TaskSteps = TaskDistributionText.Format(settings.Tasks.Steps),
        TaskPerClass = TaskDistributionText.Format(settings.Tasks.PerClassTrain),
        TaskHidden1 = TaskDistributionText.Format(settings.Tasks.FirstHidden),
        TaskHidden2 = TaskDistributionText.Format(settings.Tasks.SecondHidden),
        TaskLr = TaskDistributionText.Format(settings.Tasks.LearningRate),
        TaskClasses = settings.Tasks.Classes is null ? AllClasses : TaskDistributionText.Format(settings.Tasks.Classes),
    };

    /// <summary>The distribution these fields name, each checked under its own field (canonical: <see cref="Training.Tasks.TaskDistribution.Canonical"/>).</summary>
    private TaskDistribution TaskDistribution()
    {
        var tasks = new TaskDistribution
        {
            Sources = Part("tasks", () => new() { Sources = TaskDistributionText.ParseSources(Tasks == TemplateOnly ? "" : Tasks) }).Sources,
            Steps = Part("taskSteps", () => new() { Steps = TaskDistributionText.ParseWholeRange(TaskSteps, "task steps") }).Steps,
            PerClassTrain = Part("taskPerClass", () => new() { PerClassTrain = TaskDistributionText.ParseWholeRange(TaskPerClass, "task per-class") }).PerClassTrain,
            FirstHidden = Part("taskHidden1", () => new() { FirstHidden = TaskDistributionText.ParseWholeRange(TaskHidden1, "task hidden1") }).FirstHidden,
            SecondHidden = Part("taskHidden2", () => new() { SecondHidden = TaskDistributionText.ParseWholeRange(TaskHidden2, "task hidden2") }).SecondHidden,
            LearningRate = Part("taskLr", () => new() { LearningRate = TaskDistributionText.ParseRateRange(TaskLr, "task learning rates") }).LearningRate,
            Classes = Part("taskClasses", () => new() { Classes = TaskDistributionText.ParseWholeRange(TaskClasses == AllClasses ? "" : TaskClasses, "task classes") }).Classes,
        };
        return tasks.Canonical();
    }

    /// <summary>One field's part of the distribution, read and checked alone, so a refusal names that field.</summary>
    private static TaskDistribution Part(string field, Func<TaskDistribution> read)
    {
        try
        {
            var part = read();
            part.Validate();
            return part;
        }
        catch (ArgumentException e)
        {
            throw new RunRequestException(field, e.Message);
        }
    }

    public static MlnInit? ParseInit(string text) => text.ToLowerInvariant() switch
    {
        "ce" => MlnInit.CrossEntropyFit,
        "mse" => MlnInit.MeanSquaredErrorFit,
        "random" => MlnInit.Random,
        "label-smoothing" => MlnInit.LabelSmoothingFit,
        "poly1" => MlnInit.PolyOneFit,
        "focal" => MlnInit.FocalFit,
        _ => null,
    };

    /// <summary>The names <see cref="ParseInit"/> takes, for messages.</summary>
    public const string InitChoices = "ce, mse, random, label-smoothing, poly1 or focal";

    public static string FormatInit(MlnInit init) => init switch
    {
        MlnInit.MeanSquaredErrorFit => "mse",
        MlnInit.Random => "random",
        MlnInit.LabelSmoothingFit => "label-smoothing",
        MlnInit.PolyOneFit => "poly1",
        MlnInit.FocalFit => "focal",
        _ => "ce",
    };

    private void CheckFields()
    {
        Positive("generations", Generations);
        Positive("population", Population);
        Positive("episodesPerCandidate", EpisodesPerCandidate);
        Positive("perClass", PerClass);
        Positive("validationSize", ValidationSize);
        Positive("steps", Steps);
        Positive("batchSize", BatchSize, RunSettings.MaxBatchSize);
        Positive("hidden1", Hidden1, EpisodeDefaults.MaxHidden);
        Positive("hidden2", Hidden2, EpisodeDefaults.MaxHidden);
        if (!Enum.IsDefined(Init)) throw new RunRequestException("init", $"initial MLN {(int)Init} is unknown; use {InitChoices}");
        if (Init.FollowsSchedule() && !ProgressInput)
            throw new RunRequestException("init", $"init {FormatInit(Init)} follows its tuned learning-rate schedule, which an MLN without the progress input cannot; with it use init ce, mse or random");
        if (!Enum.IsDefined(Strategy)) throw new RunRequestException("strategy", $"strategy {(int)Strategy} is unknown; use {SearchStrategyNames.Choices}");
        if (ValidationEpisodes < 0) throw new RunRequestException("validationEpisodes", $"meta-validation episodes must not be negative, got {ValidationEpisodes}");
        if (ValidationTop < 0) throw new RunRequestException("validationTop", $"meta-validation candidates must not be negative, got {ValidationTop}");
        // Named as the user types it, not as EvolutionSettings' fields.
        var (floor, ceiling) = (new EvolutionSettings().SigmaFloor, new EvolutionSettings().SigmaCeiling);
        if (!(Sigma >= floor && Sigma <= ceiling))
            throw new RunRequestException("sigma", string.Create(CultureInfo.InvariantCulture, $"sigma must be from {floor} to {ceiling}, got {Sigma}"));
        if (!(Lr > 0) || !double.IsFinite(Lr)) throw new RunRequestException("lr", $"learning rate must be a positive number, got {Lr}");
    }

    private static void Validated(RunSettings settings, string field) => Rethrown(field, settings.Validate);

    private static void Rethrown(string field, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            // The parameter name is for programmers; the field names what the user typed.
            throw new RunRequestException(field, e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", ""));
        }
    }

    private static void Positive(string field, int value, int max = int.MaxValue)
    {
        if (value <= 0) throw new RunRequestException(field, $"{field} must be a positive whole number, got {value}");
        if (value > max) throw new RunRequestException(field, $"{field} must be at most {max}, got {value}");
    }

}

/// <summary>A run's choice that cannot make a run: which one (<see cref="Field"/>, as the API names it) and why.</summary>
public sealed class RunRequestException(string field, string message) : ArgumentException(message)
{
    public string Field { get; } = field;
}

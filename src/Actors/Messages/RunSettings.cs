using System.Globalization;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Actors.Messages;

/// <summary>
/// What defines a run. Persisted in RunStarted; a resume with different settings is refused.
/// <see cref="Template"/> gives the inner-loop settings; its loss and seeds are replaced per episode.
/// </summary>
public sealed record RunSettings(
    ulong Seed,
    int Generations,
    EvolutionSettings Evolution,
    MlnArchitecture Architecture,
    EpisodeSpec Template,
    int EpisodesPerCandidate,
    bool PairedEpisodes,
    MlnInit Init = MlnInit.CrossEntropyFit)
{
    /// <summary>The meta-validation set; runs journaled before it existed have none.</summary>
    public MetaValidation MetaValidation { get; init; } = MetaValidation.None;

    /// <summary>Fingerprints of the datasets the run uses; runs journaled before fingerprints have none, and are not checked.</summary>
    public IReadOnlyList<DatasetFingerprint> Data { get; init; } = [];

    /// <summary>
    /// G, the episodes computed together as one batch: each generation's episodes are planned into
    /// fixed groups of G (GroupPlan), and a group is always computed whole, by one call, whichever
    /// slot or node takes it, so a result may depend on its batch-mates and a run stays bit-identical.
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>How the run searches; runs journaled before strategies existed are (mu+lambda).</summary>
    public SearchStrategyName Strategy { get; init; } = SearchStrategyName.MuPlusLambda;

    /// <summary>
    /// What the training episodes are drawn from (sources and regime ranges); runs journaled before
    /// distributions, and runs that name none, train on the template alone.
    /// </summary>
    public TaskDistribution Tasks { get; init; } = TaskDistribution.Default;

    /// <summary>The default G of a new run (innerloop's measurements set the final one).</summary>
    public const int DefaultBatchSize = 5;

    /// <summary>
    /// G of runs journaled before batch sizes: their batches computed every member as if alone, which
    /// is what a group of one does, so the rest of such a run comes out as it would have before.
    /// </summary>
    public const int LegacyBatchSize = 1;

    /// <summary>A group travels in one lease, and a lease of more than 200 episodes may not fit a remoting frame (PopulationOptions).</summary>
    public const int MaxBatchSize = 200;

    /// <summary>
    /// The most bytes of genomes one generation may hold: its candidates (phi and sigma of each)
    /// travel in one journal event and one snapshot and are held in memory several times over.
    /// 64 MiB keeps that well inside a journal row, a snapshot and a small machine's memory.
    /// </summary>
    public const long MaxGenerationBytes = 64L << 20;

    /// <summary>Candidates a generation scores, as the strategy asks for them.</summary>
    public int CandidateCount => checked((int)Candidates);

    /// <summary>The run's strategy, configured with its evolution settings and seed.</summary>
    public ISearchStrategy SearchStrategy() => SearchStrategies.Create(Strategy, Evolution, Seed);

    private long Candidates => SearchStrategies.CandidateCount(Strategy, Evolution);

    /// <summary>
    /// Episodes one generation (or one meta-validation round) may hold: over a thousand times the
    /// default 60, and small enough that its queue and results fit in memory. More is a typo.
    /// </summary>
    public const int MaxEpisodesPerGeneration = 100_000;

    public int EpisodesPerGeneration => CandidateCount * EpisodesPerCandidate;

    public void Validate()
    {
        if (Generations <= 0) throw new ArgumentException($"generations must be positive, got {Generations}");
        if (EpisodesPerCandidate <= 0) throw new ArgumentException($"episodes per candidate must be positive, got {EpisodesPerCandidate}");
        if (BatchSize is < 1 or > MaxBatchSize) throw new ArgumentException($"batch size must be from 1 to {MaxBatchSize}, got {BatchSize}");
        if (!Enum.IsDefined(Strategy)) throw new ArgumentException($"search strategy {(int)Strategy} is unknown; use {SearchStrategyNames.Choices}");
        var perGeneration = Candidates * EpisodesPerCandidate;
        if (perGeneration > MaxEpisodesPerGeneration)
            throw new ArgumentException($"a generation of 2 x {Evolution.Parents} candidates x {EpisodesPerCandidate} episodes is {perGeneration:N0} episodes; " +
                                        $"at most {MaxEpisodesPerGeneration:N0} (lower --population or --episodes-per-candidate)");
        var validation = (long)MetaValidation.Episodes * Math.Min(MetaValidation.TopCandidates, Candidates);
        if (validation > MaxEpisodesPerGeneration)
            throw new ArgumentException($"meta-validation of {MetaValidation.TopCandidates} candidates on {MetaValidation.Episodes} episodes is {validation:N0} episodes " +
                                        $"a generation; at most {MaxEpisodesPerGeneration:N0} (lower --validation-episodes or --validation-top)");
        Evolution.Validate();
        Architecture.Validate();
        Template.Validate();
        Tasks.Validate();
        MetaValidation.Validate();
        ValidateSizes();
        if (MetaValidation.Enabled && DatasetSplits.MetaValidationPartOf(Template.Dataset) != MetaValidation.Dataset)
            throw new ArgumentException(
                $"meta-validation draws from {DatasetNames.Format(MetaValidation.Dataset)}, which is not held out from " +
                $"meta-training's {DatasetNames.Format(Template.Dataset)}; evolve on {DatasetNames.Format(DatasetName.FashionMnistMetaTrain)} " +
                $"to validate on {DatasetNames.Format(DatasetName.FashionMnistMetaValidation)}");
    }

    /// <summary>
    /// A generation must fit in memory and in one journal event (its episode counts are capped in
    /// <see cref="Validate"/>, far below where an int would overflow).
    /// </summary>
    private void ValidateSizes()
    {
        var candidates = Candidates;
        var generationBytes = candidates * 2 * Architecture.ParameterCount * sizeof(float);
        if (generationBytes > MaxGenerationBytes)
            throw new ArgumentException(
                $"population {Evolution.Parents:N0} is too large: a generation's {candidates:N0} candidates would hold " +
                $"{generationBytes / (1 << 20):N0} MiB of MLN parameters (phi and sigma, {Architecture.ParameterCount} each), " +
                $"more than the {MaxGenerationBytes >> 20} MiB a generation may hold; at most {MaxGenerationBytes / (2L * 2 * Architecture.ParameterCount * sizeof(float)):N0} parents");
    }

    /// <summary>These settings with the <paramref name="unstated"/> ones taken from the <paramref name="journaled"/> run's.</summary>
    public RunSettings Keeping(RunSettings journaled, UnstatedSettings unstated)
    {
        T Pick<T>(UnstatedSettings setting, T journaledValue, T asked) => unstated.HasFlag(setting) ? journaledValue : asked;
        var (j, t) = (journaled.Template, journaled.Tasks);
        return this with
        {
            Seed = Pick(UnstatedSettings.Seed, journaled.Seed, Seed),
            Generations = Pick(UnstatedSettings.Generations, journaled.Generations, Generations),
            // Fields no option sets (the sigma clamps, tau) are the journal's too: a bare command states none of them.
            Evolution = journaled.Evolution with
            {
                Parents = Pick(UnstatedSettings.Population, journaled.Evolution.Parents, Evolution.Parents),
                InitialSigma = Pick(UnstatedSettings.Sigma, journaled.Evolution.InitialSigma, Evolution.InitialSigma),
            },
            Strategy = Pick(UnstatedSettings.Strategy, journaled.Strategy, Strategy),
            EpisodesPerCandidate = Pick(UnstatedSettings.EpisodesPerCandidate, journaled.EpisodesPerCandidate, EpisodesPerCandidate),
            PairedEpisodes = Pick(UnstatedSettings.Pairing, journaled.PairedEpisodes, PairedEpisodes),
            BatchSize = Pick(UnstatedSettings.BatchSize, journaled.BatchSize, BatchSize),
            Architecture = Architecture with { ProgressInput = Pick(UnstatedSettings.ProgressInput, journaled.Architecture.ProgressInput, Architecture.ProgressInput) },
            Init = Pick(UnstatedSettings.Init, journaled.Init, Init),
            MetaValidation = MetaValidation with
            {
                Episodes = Pick(UnstatedSettings.ValidationEpisodes, journaled.MetaValidation.Episodes, MetaValidation.Episodes),
                TopCandidates = Pick(UnstatedSettings.ValidationTop, journaled.MetaValidation.TopCandidates, MetaValidation.TopCandidates),
            },
            Template = Template with
            {
                LearningRate = Pick(UnstatedSettings.LearningRate, j.LearningRate, Template.LearningRate),
                PerClassTrain = Pick(UnstatedSettings.PerClass, j.PerClassTrain, Template.PerClassTrain),
                ValidationSize = Pick(UnstatedSettings.ValidationSize, j.ValidationSize, Template.ValidationSize),
                FirstHidden = Pick(UnstatedSettings.FirstHidden, j.FirstHidden, Template.FirstHidden),
                SecondHidden = Pick(UnstatedSettings.SecondHidden, j.SecondHidden, Template.SecondHidden),
                Steps = Pick(UnstatedSettings.Steps, j.Steps, Template.Steps),
            },
            Tasks = (Tasks with
            {
                Sources = Pick(UnstatedSettings.TaskSources, t.Sources, Tasks.Sources),
                Classes = Pick(UnstatedSettings.TaskClasses, t.Classes, Tasks.Classes),
                Steps = Pick(UnstatedSettings.TaskSteps, t.Steps, Tasks.Steps),
                PerClassTrain = Pick(UnstatedSettings.TaskPerClass, t.PerClassTrain, Tasks.PerClassTrain),
                FirstHidden = Pick(UnstatedSettings.TaskFirstHidden, t.FirstHidden, Tasks.FirstHidden),
                SecondHidden = Pick(UnstatedSettings.TaskSecondHidden, t.SecondHidden, Tasks.SecondHidden),
                LearningRate = Pick(UnstatedSettings.TaskLearningRate, t.LearningRate, Tasks.LearningRate),
            }).Canonical(),
        };
    }

    /// <summary>Names of the settings that differ, for a clear refusal to resume.</summary>
    public IReadOnlyList<string> Differences(RunSettings other)
    {
        var differences = new List<string>();
        void Check(string name, object a, object b)
        {
            if (!Equals(a, b)) differences.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: journal has {a}, asked for {b}"));
        }
        Check("seed", Seed, other.Seed);
        Check("generations", Generations, other.Generations);
        Check("strategy", SearchStrategyNames.Format(Strategy), SearchStrategyNames.Format(other.Strategy));
        // The options' own names and values, not a record's dump, for the fields a command sets.
        Check("population", Evolution.Parents, other.Evolution.Parents);
        Check("sigma", Evolution.InitialSigma, other.Evolution.InitialSigma);
        Check("evolution", Evolution, other.Evolution with { Parents = Evolution.Parents, InitialSigma = Evolution.InitialSigma });
        Check("architecture", Architecture, other.Architecture);
        Check("episodes per candidate", EpisodesPerCandidate, other.EpisodesPerCandidate);
        Check("episodes", PairedEpisodes ? "paired" : "unpaired", other.PairedEpisodes ? "paired" : "unpaired");
        Check("init", Init, other.Init);
        Check("batch size", BatchSize, other.BatchSize);
        Check("validation episodes", MetaValidation.Episodes, other.MetaValidation.Episodes);
        Check("validation top", MetaValidation.TopCandidates, other.MetaValidation.TopCandidates);
        Check("meta-validation", MetaValidation, other.MetaValidation with { Episodes = MetaValidation.Episodes, TopCandidates = MetaValidation.TopCandidates });
        Check("tasks", Tasks, other.Tasks);
        Check("lr", Template.LearningRate, other.Template.LearningRate);
        Check("per-class", Template.PerClassTrain, other.Template.PerClassTrain);
        Check("validation size", Template.ValidationSize, other.Template.ValidationSize);
        Check("hidden1", Template.FirstHidden, other.Template.FirstHidden);
        Check("hidden2", Template.SecondHidden, other.Template.SecondHidden);
        Check("steps", Template.Steps, other.Template.Steps);
        var mine = Template with { Loss = new LossSpec.CrossEntropy(), TaskSeed = 0, InitSeed = 0, Classes = null };
        var theirs = other.Template with
        {
            Loss = new LossSpec.CrossEntropy(), TaskSeed = 0, InitSeed = 0, Classes = null,
            LearningRate = mine.LearningRate, PerClassTrain = mine.PerClassTrain, ValidationSize = mine.ValidationSize,
            FirstHidden = mine.FirstHidden, SecondHidden = mine.SecondHidden, Steps = mine.Steps,
        };
        Check("episode settings", mine, theirs);
        Check("classes", string.Join(",", Template.Classes ?? []), string.Join(",", other.Template.Classes ?? []));
        if (DatasetFingerprint.FirstMismatch(Data, name => other.Data.FirstOrDefault(f => f.Dataset == name)) is { } data)
            differences.Add(data);
        return differences;
    }
}

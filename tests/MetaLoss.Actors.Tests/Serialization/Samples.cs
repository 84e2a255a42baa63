using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Actors.Tests.Serialization;

/// <summary>
/// One or more realistic instances of every message, event and snapshot, by name. The events and the
/// snapshot come from a small run played through <see cref="PopulationState.Apply"/>.
/// </summary>
internal static class Samples
{
    /// <summary>Bit patterns a float vector must carry exactly: NaN with a payload, -0, infinity, a subnormal.</summary>
    public static float[] OddFloats =>
        [BitConverter.Int32BitsToSingle(0x7FC0_1234), -0f, float.NegativeInfinity, float.Epsilon, 0.3f];

    public static RunSettings Settings { get; } = new(
        Seed: 0x9E37_79B9_7F4A_7C15,
        Generations: 4,
        new EvolutionSettings { Parents = 3, InitialSigma = 0.02f, Tau = 0.25 },
        new MlnArchitecture(4, 3, 2),
        new EpisodeSpec(DatasetName.FashionMnistMetaTrain, new LossSpec.CrossEntropy(), 0, 0,
            PerClassTrain: 5, ValidationSize: 40, FirstHidden: 16, SecondHidden: 8, Steps: 3, LearningRate: 0.2,
            Classes: [0, 3, 7], RecordValidationCurve: true,
            Schedule: new LearningRateSchedule(LearningRateDecay.Cosine, 0.25)),
        EpisodesPerCandidate: 2,
        PairedEpisodes: true,
        Init: MlnInit.Random)
    {
        MetaValidation = new MetaValidation(DatasetName.FashionMnistMetaValidation, Episodes: 2, TopCandidates: 2),
        BatchSize = 4,
        Data =
        [
            new DatasetFingerprint(DatasetName.FashionMnistMetaTrain, "0f5e4b1d9c3a27e86b41d0c9a2f37e58c1b6d4a09e2f73c85b1a6d0e4c9f2b73"),
            new DatasetFingerprint(DatasetName.FashionMnistMetaValidation, "a3c1e95b7d20f46e8b19c5d3a7f02e64b8d1c9a5e3f70b26d4c8a1e9f5b3d072"),
        ],
    };

    /// <summary>A run whose MLN also sees the training progress.</summary>
    public static RunSettings ProgressSettings { get; } = Settings with { Architecture = Settings.Architecture with { ProgressInput = true } };

    /// <summary>A distribution with every part given, rates that need all 64 bits.</summary>
    public static TaskDistribution Tasks { get; } = new()
    {
        Sources = [new(DatasetName.FashionMnistMetaTrain, 2), new(DatasetName.TeacherImages, 1), new(DatasetName.FashionMnistCropped, 3)],
        Steps = new WholeRange(3, 9),
        PerClassTrain = new WholeRange(5, 5),
        FirstHidden = new WholeRange(8, 16),
        SecondHidden = new WholeRange(4, 8),
        LearningRate = new RateRange(0.1 / 3, Math.PI / 10),
        Classes = new WholeRange(3, 7),
    };

    public static RunId Run { get; } = RunId.Parse("3f9a0c2b7e41");

    public static IReadOnlyDictionary<string, object> All { get; } = Build();

    public static TheoryData<string> Names => new(All.Keys);

    private static Dictionary<string, object> Build()
    {
        var runStarted = new RunStarted(Settings, Settings.Architecture.RandomParameters(11), new InitialFit(0.99987, 1.0037)) { Run = Run };
        var state = PopulationState.Empty.Apply(runStarted);
        var afterStart = state;
        var generation0 = state.StartNextGeneration();
        state = state.Apply(generation0);
        var results = state.PendingEpisodes()
            .Select((key, i) => i == 3
                ? new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0, EpisodeOutcome.NonFiniteLoss)
                : new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.1 + 0.037 * i, EpisodeOutcome.Completed))
            .ToList();
        state = results.Aggregate(state, (s, e) => s.Apply(e));
        var validationResults = state.PendingEpisodes()
            .Select((key, i) => new MetaValidationEpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.5 + 0.01 * i,
                i == 1 ? EpisodeOutcome.NonFiniteLoss : EpisodeOutcome.Completed))
            .ToList();
        state = validationResults.Aggregate(state, (s, e) => s.Apply(e));
        var validating = state;
        var candidatesValidated = state.CompleteValidation();
        state = state.Apply(candidatesValidated);
        var generationCompleted = state.CompleteGeneration();
        state = state.Apply(generationCompleted);
        state = state.Apply(state.StartNextGeneration());
        var open = state.PendingEpisodes().ToList();
        state = state.Apply(new EpisodeCompleted(1, open[4].Candidate, open[4].Episode, 0.4375, EpisodeOutcome.Completed));
        state = state.Apply(new EpisodeCompleted(1, open[0].Candidate, open[0].Episode, 0, EpisodeOutcome.ExplodedClassifier));

        var cma = CmaEsRun(runStarted with { Settings = Settings with { Strategy = SearchStrategyName.CmaEs } });
        var template = Settings.Template;
        var runInfo = new RunInfo("fashion-baseline", Run, RunLifecycle.Running, 2, Generation: 1, Generations: 4,
            EpisodesDoneThisGeneration: 2, EpisodesPerGeneration: 12, EpisodesCompleted: 26, BestFitness: 0.5625, BestValidationScore: double.NaN);
        var evaluators = new EvaluatorsByNode([new("127.0.0.1:4053", 2, 1, 17), new("127.0.0.1:4061", 3, 0, long.MaxValue)]);
        return new()
        {
            ["RunStarted"] = runStarted,
            ["GenerationStarted"] = generation0,
            ["EpisodeCompleted"] = results[0],
            ["EpisodeCompleted (flagged)"] = results[3],
            ["MetaValidationEpisodeCompleted"] = validationResults[0],
            ["MetaValidationEpisodeCompleted (flagged)"] = validationResults[1],
            ["CandidatesValidated"] = candidatesValidated,
            ["CandidatesValidated (NaN score)"] = new CandidatesValidated(7, [new(3, double.NaN)]),
            ["GenerationCompleted"] = generationCompleted,
            ["RunExtended"] = new RunExtended(40),
            ["GenerationCompleted (NaN statistics)"] = new GenerationCompleted(
                3, [2, 0, 1], BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_BEEF), -0.0, 12),
            ["PopulationState (empty)"] = PopulationState.Empty,
            ["PopulationState (run started)"] = afterStart,
            ["PopulationState (mid-generation)"] = state,
            ["PopulationState (validating)"] = validating,
            ["RunStarted (cma-es)"] = cma.Started,
            ["PopulationState (cma-es, mid-generation)"] = cma.State,
            ["PopulationState (no meta-validation)"] = PopulationState.Empty.Apply(runStarted with { Settings = Settings with { MetaValidation = MetaValidation.None } }),
            ["StartRun"] = new StartRun(Settings with { Template = template with { Classes = null } }, OddFloats),
            ["StartRun (fitted)"] = new StartRun(Settings with { Init = MlnInit.MeanSquaredErrorFit }, OddFloats, new InitialFit(-0.0, double.NaN)) { Run = Run },
            ["StartRun (legacy run, no data)"] = new StartRun(Settings with { Data = [] }, OddFloats) { Run = RunId.Legacy },
            ["StartRun (keeps the journaled batch size)"] = new StartRun(Settings, []) { Run = Run, Unstated = UnstatedSettings.BatchSize },
            ["StartRun (keeps every journaled default)"] = new StartRun(Settings, [])
            {
                Run = Run,
                Unstated = UnstatedSettings.All,
            },
            ["RunStarted (task distribution)"] = runStarted with { Settings = Settings with { Tasks = Tasks } },
            ["PopulationState (task distribution)"] = TaskDistributionState(runStarted with { Settings = Settings with { Tasks = Tasks } }),
            ["RunRegistered (task distribution)"] = new RunRegistered("varied", Run, Settings with { Tasks = Tasks }, 1),
            ["RunStarted (progress input)"] = runStarted with { Settings = ProgressSettings, InitialPhi = ProgressSettings.Architecture.RandomParameters(11) },
            ["PopulationState (progress input)"] = PopulationState.Empty.Apply(runStarted with { Settings = ProgressSettings, InitialPhi = ProgressSettings.Architecture.RandomParameters(11) }),
            ["RunRegistered (progress input)"] = new RunRegistered("scheduled", Run, ProgressSettings, 1),
            ["StartRun (progress input)"] = new StartRun(ProgressSettings, OddFloats) { Run = Run },
            ["RunStarted (no fit)"] = new RunStarted(Settings with { Init = MlnInit.CrossEntropyFit }, OddFloats),
            ["RunAccepted"] = new RunAccepted(Resumed: true, 3, Settings),
            ["RunRejected"] = new RunRejected("this run directory holds a run with other settings: seed: journal has 1, asked for 2 — ε"),
            ["GetRunStatus"] = GetRunStatus.Instance,
            ["RunStatus"] = state.ToStatus(),
            ["RunStatus (validating)"] = validating.ToStatus(),
            ["RunStatus (not started)"] = PopulationState.Empty.ToStatus(),
            ["SubscribeProgress"] = SubscribeProgress.Instance,
            ["ProgressUpdate"] = state.ToProgress(),
            ["ProgressUpdate (not started)"] = PopulationState.Empty.ToProgress(),
            ["RunStatus (latest history only)"] = state.ToStatus().WithLatestHistory(0),
            ["EvaluatorsFailed"] = new EvaluatorsFailed(2, "episodes on cpu:1 failed: class 1 of fashion-mnist-meta-train has 0 rows — ε"),
            ["JournalFault"] = new JournalFault("SQLite Error 13: 'database or disk is full'."),
            ["RequestWork"] = new RequestWork(4),
            ["WorkLease"] = new WorkLease([.. state.PendingGroups().Take(2).Select(state.Assign)]) { Data = Settings.Data },
            ["WorkLease (every loss kind)"] = new WorkLease([new EpisodeGroup(
            [
                new(new EpisodeKey(2, 0, 0), template with { Classes = null, TaskSeed = 1, InitSeed = 2 }),
                new(new EpisodeKey(2, 1, 0), template with { Loss = new LossSpec.MeanSquaredError(), Dataset = DatasetName.Cifar10Test }),
                new(new EpisodeKey(2, 2, 1), template with { Loss = new LossSpec.MetaLoss(Settings.Architecture, OddFloats) }),
                new(new EpisodeKey(2, 2, 0, MetaValidation: true), template with { Dataset = DatasetName.FashionMnistMetaValidation }),
                new(new EpisodeKey(2, 3, 0), template with { Loss = new LossSpec.LabelSmoothing(0.1) }),
                new(new EpisodeKey(2, 4, 0), template with { Loss = new LossSpec.PolyOne(-0.5) }),
                new(new EpisodeKey(2, 5, 0), template with { Loss = new LossSpec.Focal(2) }),
                new(new EpisodeKey(2, 6, 0), template with { Loss = new LossSpec.MetaLoss(ProgressSettings.Architecture, OddFloats) }),
            ])]),
            ["NoWorkAvailable"] = new NoWorkAvailable(RunFinished: true),
            ["EpisodeFinished"] = new EpisodeFinished(open[1], 0.8125, EpisodeOutcome.Completed),
            ["EpisodeFinished (exploded)"] = new EpisodeFinished(open[2], 0, EpisodeOutcome.ExplodedClassifier),
            ["EpisodeFinished (meta-validation)"] = new EpisodeFinished(new EpisodeKey(4, 1, 3, MetaValidation: true), 0.25, EpisodeOutcome.Completed),
            ["GroupFinished"] = new GroupFinished([
                new EpisodeFinished(open[1], 0.8125, EpisodeOutcome.Completed), new EpisodeFinished(open[2], 0, EpisodeOutcome.NonFiniteLoss)]),
            ["ReleaseLeases"] = ReleaseLeases.Instance,
            ["GetEvaluators"] = GetEvaluators.Instance,
            ["EvaluatorsByNode"] = evaluators,
            ["EvaluatorsByNode (none yet)"] = new EvaluatorsByNode([]),
            ["GetClusterStatus"] = GetClusterStatus.Instance,
            ["ClusterStatus"] = new ClusterStatus(
                [new("127.0.0.1:4053", "Up", ["evaluator", "population"]), new("127.0.0.1:4061", "Leaving", ["evaluator"])],
                evaluators.Nodes),
            ["ClusterStatus (population not answering)"] = new ClusterStatus([new("127.0.0.1:4061", "Up", [])], null),
            ["RunSubmitted"] = new RunSubmitted("fashion-baseline", Run, Settings, 2),
            ["RunRegistered"] = new RunRegistered("fashion-baseline", Run, Settings, 2),
            ["RunRefused"] = new RunRefused("fashion-baseline", Run, "an episode takes 100,000 training images of each class — ε"),
            ["RunRegistered (cma-es)"] = new RunRegistered("fashion-cma", Run, cma.Started.Settings, 1),
            ["RunLifecycleChanged"] = new RunLifecycleChanged("fashion-baseline", RunLifecycle.Paused),
            ["RunGenerationsRaised"] = new RunGenerationsRaised("fashion-baseline", Run, 40),
            ["RunInfo"] = runInfo,
            ["RunInfo (submitted, no fitness yet)"] = runInfo with { State = RunLifecycle.Submitted, Generation = 0, EpisodesCompleted = 0, BestFitness = null, BestValidationScore = null },
            ["RunInfo (preparing)"] = runInfo with { State = RunLifecycle.Preparing, Generation = 0, EpisodesCompleted = 0, BestFitness = null, BestValidationScore = null },
            ["RunInfo (refused)"] = runInfo with { State = RunLifecycle.Refused, Generation = 0, EpisodesCompleted = 0, BestFitness = null, BestValidationScore = null, Refusal = "fashion-mnist-train has 100 images, fewer than its episodes need" },
            ["SubmitRun"] = new SubmitRun("fashion-baseline", Settings, 3),
            ["RunExists"] = new RunExists(runInfo),
            ["SubmitRefused"] = new SubmitRefused("run fashion-baseline exists with other settings: seed: journal has 1, asked for 2 — ε", Conflict: true),
            ["ListRuns"] = ListRuns.Instance,
            ["RunList"] = new RunList([runInfo, runInfo with { Name = "b", State = RunLifecycle.Finished }]),
            ["RunList (empty)"] = new RunList([]),
            ["GetRunDetail"] = new GetRunDetail("fashion-baseline"),
            ["RunDetail"] = new RunDetail(runInfo, Settings, state.ToStatus().History),
            ["RunNotFound"] = new RunNotFound("no-such-run"),
            ["RunPreparing"] = new RunPreparing("fashion-baseline"),
            ["ChangeRun"] = new ChangeRun("fashion-baseline", RunChange.Cancel),
            ["ChangeRefused"] = new ChangeRefused("run fashion-baseline is finished: it cannot be resumed"),
            ["GetBestMln"] = new GetBestMln("fashion-baseline"),
            ["BestMln"] = new BestMln("fashion-baseline", Settings.Architecture, OddFloats, 3, 0.6125),
            ["BestMln (progress input)"] = new BestMln("scheduled", ProgressSettings.Architecture, OddFloats, 2, 0.5),
            ["BestMln (no meta-validation)"] = new BestMln("b", Settings.Architecture, OddFloats, 0, null),
            ["SubscribeService"] = SubscribeService.Instance,
            ["RunGenerationCompleted"] = new RunGenerationCompleted("fashion-baseline", state.ToStatus().History[0]),
            ["RunStateChanged"] = new RunStateChanged(runInfo),
            ["NodeChanged"] = new NodeChanged("127.0.0.1:4061", Joined: false),
        };
    }

    /// <summary>A generation of a run with a task distribution, partly done.</summary>
    private static PopulationState TaskDistributionState(RunStarted started)
    {
        var state = PopulationState.Empty.Apply(started);
        state = state.Apply(state.StartNextGeneration());
        var key = state.PendingEpisodes().Skip(1).First();
        return state.Apply(new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.3125, EpisodeOutcome.Completed));
    }

    /// <summary>A CMA-ES run one generation in, with two results of the second.</summary>
    private static (RunStarted Started, PopulationState State) CmaEsRun(RunStarted started)
    {
        var state = PopulationState.Empty.Apply(started);
        state = state.Apply(state.StartNextGeneration());
        state = state.PendingEpisodes().Select((key, i) => new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.3 + 0.011 * (i % 7), EpisodeOutcome.Completed))
            .Aggregate(state, (s, e) => s.Apply(e));
        state = state.PendingEpisodes().Select(key => new MetaValidationEpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.55, EpisodeOutcome.Completed))
            .Aggregate(state, (s, e) => s.Apply(e));
        state = state.Apply(state.CompleteValidation());
        state = state.Apply(state.CompleteGeneration());
        state = state.Apply(state.StartNextGeneration());
        state = state.PendingEpisodes().Take(2).Select(key => new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.375, EpisodeOutcome.Completed))
            .Aggregate(state, (s, e) => s.Apply(e));
        return (started, state);
    }
}

namespace MetaLoss.Actors.Messages;

/// <summary>
/// Settings a <see cref="StartRun"/>'s sender was not told (evolve without the option): a resumed
/// run keeps its journaled ones, a new run takes the defaults the request carries. So the bare
/// `evolve --run DIR` resumes any run, and a run started under older defaults resumes from the same
/// command after they changed; only a setting the command states can conflict with the journal.
/// </summary>
[Flags]
public enum UnstatedSettings
{
    None = 0,
    BatchSize = 1,
    ProgressInput = 1 << 1,
    TaskClasses = 1 << 2,
    Init = 1 << 3,
    TaskSources = 1 << 4,
    Seed = 1 << 5,
    Generations = 1 << 6,
    Population = 1 << 7,
    Sigma = 1 << 8,
    Strategy = 1 << 9,
    EpisodesPerCandidate = 1 << 10,
    Pairing = 1 << 11,
    ValidationEpisodes = 1 << 12,
    ValidationTop = 1 << 13,
    LearningRate = 1 << 14,
    PerClass = 1 << 15,
    ValidationSize = 1 << 16,
    FirstHidden = 1 << 17,
    SecondHidden = 1 << 18,
    Steps = 1 << 19,
    TaskSteps = 1 << 20,
    TaskPerClass = 1 << 21,
    TaskFirstHidden = 1 << 22,
    TaskSecondHidden = 1 << 23,
    TaskLearningRate = 1 << 24,

    /// <summary>Every setting a command can leave out; no version defines a bit above these.</summary>
    All = (1 << 25) - 1,
}

namespace MetaLoss.Actors.Messages;

/// <summary>
/// Settings a <see cref="StartRun"/>'s sender was not told (evolve without the option): a resumed
/// run keeps its journaled ones, a new run takes the defaults the request carries. Defaults change
/// between versions; a run started under the old ones must resume from the same command.
/// </summary>
[Flags]
public enum UnstatedSettings
{
    None = 0,
    BatchSize = 1,
    ProgressInput = 2,
    TaskClasses = 4,
    Init = 8,
    TaskSources = 16,
}

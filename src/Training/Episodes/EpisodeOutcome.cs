namespace MetaLoss.Training.Episodes;

/// <summary>How an episode ended. Anything but Completed scores fitness 0 and is flagged.</summary>
public enum EpisodeOutcome
{
    Completed,
    NonFiniteLoss,
    ExplodedClassifier,
}

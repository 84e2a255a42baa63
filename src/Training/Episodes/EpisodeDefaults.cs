namespace MetaLoss.Training.Episodes;

/// <summary>Default episode settings; the README's calibration table says how they were chosen.</summary>
public static class EpisodeDefaults
{
    public const int PerClassTrain = 10;
    public const int ValidationSize = 2000;
    public const int FirstHidden = 100;
    public const int SecondHidden = 100;
    public const int Steps = 20;
    public const double LearningRate = 0.2;
}

namespace MetaLoss.Training.Episodes;

/// <summary>Default episode settings; the README's calibration table says how they were chosen.</summary>
public static class EpisodeDefaults
{
    public const int PerClassTrain = 20;
    public const int ValidationSize = 2000;
    public const int FirstHidden = 256;
    public const int SecondHidden = 128;
    public const int Steps = 20;
    public const double LearningRate = 0.2;

    /// <summary>
    /// Largest hidden layer: a CIFAR-10 first layer of this size is 200 MB of weights per classifier,
    /// already past what a small-data episode can use, and the element count stays far below int overflow.
    /// </summary>
    public const int MaxHidden = 16384;
}

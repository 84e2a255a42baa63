using System.CommandLine;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Options;

/// <summary>The inner-loop settings every command shares.</summary>
public sealed class EpisodeOptions
{
    public Option<int> PerClass { get; } = Positive("--per-class", EpisodeDefaults.PerClassTrain, "training examples per class");
    public Option<int> ValidationSize { get; } = Positive("--validation-size", EpisodeDefaults.ValidationSize, "validation examples per episode");
    public Option<int> FirstHidden { get; } = Positive("--hidden1", EpisodeDefaults.FirstHidden, "first hidden layer of the classifier", EpisodeDefaults.MaxHidden);
    public Option<int> SecondHidden { get; } = Positive("--hidden2", EpisodeDefaults.SecondHidden, "second hidden layer of the classifier", EpisodeDefaults.MaxHidden);
    public Option<int> Steps { get; } = Positive("--steps", EpisodeDefaults.Steps, "SGD steps per episode");

    /// <summary>
    /// The most episodes a command's count may ask for: every one is planned (its seeds, its specs)
    /// before the first runs, so a count a thousand times the default 100 is a typo that would fill
    /// the memory, not a week of work.
    /// </summary>
    public const int MaxEpisodes = 100_000;

    /// <summary>A count of episodes: positive and at most <see cref="MaxEpisodes"/>.</summary>
    public static Option<int> EpisodeCount(string name, int defaultValue, string description) => Positive(name, defaultValue, description, MaxEpisodes);

    public void AddTo(Command command)
    {
        foreach (var option in new[] { PerClass, ValidationSize, FirstHidden, SecondHidden, Steps })
            command.Options.Add(option);
    }

    /// <summary>An episode with these settings; loss, learning rate and seeds are the caller's.</summary>
    public EpisodeSpec Template(ParseResult result, DatasetName dataset) =>
        new(dataset, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0,
            PerClassTrain: result.GetValue(PerClass), ValidationSize: result.GetValue(ValidationSize),
            FirstHidden: result.GetValue(FirstHidden), SecondHidden: result.GetValue(SecondHidden),
            Steps: result.GetValue(Steps));

    public static Option<int> Positive(string name, int defaultValue, string description, int max = int.MaxValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            // Text that is not a number is the parser's error to report; reading the value here would throw.
            if (!OptionText.TryWholeNumber(r, out var value)) return;
            if (value <= 0) r.AddError($"{name} must be a positive whole number");
            else if (value > max) r.AddError($"{name} must be at most {max}, got {value}");
        });
        return option;
    }
}

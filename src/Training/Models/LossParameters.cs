using System.Globalization;

namespace MetaLoss.Training.Models;

/// <summary>The one check every loss parameter gets, with the message a user sees for a value out of range.</summary>
public static class LossParameters
{
    public static double Check(bool valid, string name, double value, string range) => valid
        ? value
        : throw new ArgumentException($"{name} must be {range}, got {Format(value)}");

    /// <summary>The shortest text that reads back as the same double, so that a label names one loss exactly.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

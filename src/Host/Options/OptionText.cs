using System.CommandLine.Parsing;
using System.Globalization;

namespace MetaLoss.Host.Options;

/// <summary>What an option's validator may read safely: the typed value throws when the text did not convert.</summary>
public static class OptionText
{
    /// <summary>The whole number typed for the option; false when none was typed (a default is ours, and valid) or the text is not one.</summary>
    public static bool TryWholeNumber(OptionResult result, out int value)
    {
        value = 0;
        return result.Tokens.Count == 1 &&
               int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}

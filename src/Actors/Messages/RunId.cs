using System.Text.RegularExpressions;

namespace MetaLoss.Actors.Messages;

/// <summary>
/// A run's identity, made when the run is created and journaled in RunStarted. It names the
/// population's persistence id, so runs sharing one database never mix. Runs journaled before run
/// ids existed are <see cref="Legacy"/>: their events are under the persistence id `population`.
/// </summary>
public sealed partial record RunId
{
    private const string LegacyText = "legacy";
    private const string PersistenceIdPrefix = "population";

    private RunId(string value) => Value = value;

    public string Value { get; }

    public static RunId Legacy { get; } = new(LegacyText);

    public string PersistenceId => Value == LegacyText ? PersistenceIdPrefix : $"{PersistenceIdPrefix}-{Value}";

    public static RunId New() => new(Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Lower-case letters, digits and dashes, as printed by `evolve`; "legacy" names a run from before run ids.</summary>
    public static RunId Parse(string text)
    {
        var trimmed = text.Trim();
        if (!Spelling().IsMatch(trimmed))
            throw new ArgumentException($"run id '{text}': use the id `metaloss evolve` printed (lower-case letters, digits and dashes)");
        return trimmed == LegacyText ? Legacy : new RunId(trimmed);
    }

    /// <summary>The run whose population persists under this id, or null if it is not a population's.</summary>
    public static RunId? FromPersistenceId(string persistenceId)
    {
        if (persistenceId == PersistenceIdPrefix) return Legacy;
        if (!persistenceId.StartsWith(PersistenceIdPrefix + "-", StringComparison.Ordinal)) return null;
        var text = persistenceId[(PersistenceIdPrefix.Length + 1)..];
        return Spelling().IsMatch(text) && text != LegacyText ? new RunId(text) : null;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Spelling();
}

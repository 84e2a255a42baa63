using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Data;

namespace MetaLoss.Host.Runs;

/// <summary>The datasets a run uses, fingerprinted for its RunStarted, and the check evaluators make against them.</summary>
public static class RunData
{
    /// <summary>The training sources (the template's dataset, or the task distribution's), then the meta-validation set.</summary>
    public static IReadOnlyList<DatasetName> Used(RunSettings settings) =>
    [
        .. settings.Tasks.Datasets(settings.Template),
        .. settings.MetaValidation.Enabled ? [settings.MetaValidation.Dataset] : Array.Empty<DatasetName>(),
    ];

    /// <summary>Loads each dataset the run uses (a missing or corrupt one fails here) and records its fingerprint.</summary>
    public static RunSettings Fingerprinted(RunSettings settings, DatasetCatalog catalog) =>
        settings with { Data = [.. Used(settings).Select(catalog.Fingerprint)] };

    public static DataCheck Check(DatasetCatalog catalog) => runData => DatasetFingerprint.FirstMismatch(runData, catalog.Fingerprint);
}

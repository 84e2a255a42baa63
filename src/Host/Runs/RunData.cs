using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;

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

    /// <summary>
    /// Loads each dataset the run uses (a missing or corrupt one fails here, with its own exception)
    /// and records its fingerprint. The loads run side by side: decoding, generating and transforming
    /// are mostly one thread each, and each dataset is a pure function of its name and files. A
    /// cancelled <paramref name="cancellation"/> starts no further load (OperationCanceledException).
    /// </summary>
    public static RunSettings Fingerprinted(RunSettings settings, DatasetCatalog catalog, CancellationToken cancellation)
    {
        var used = Used(settings);
        var fingerprints = new DatasetFingerprint[used.Count];
        ParallelWork.For(used.Count, Environment.ProcessorCount, i => fingerprints[i] = catalog.Fingerprint(used[i]), cancellation);
        return settings with { Data = fingerprints };
    }

    public static DataCheck Check(DatasetCatalog catalog) => runData => DatasetFingerprint.FirstMismatch(runData, catalog.Fingerprint);
}

using MetaLoss.Actors.Service;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Host.Runs;

/// <summary>
/// How the service prepares a submitted run: exactly `evolve`'s steps (fingerprint the data, run a
/// preflight episode, make the initial MLN from the run seed), so both start from the same
/// RunStarted and end bit-identical.
/// </summary>
public static class ServiceRunPreparation
{
    public static RunPreparation For(DatasetCatalog catalog) => (settings, cancellation) =>
    {
        settings.Validate();
        // The fit needs no data: it runs while the data loads and the preflight episode runs.
        using var initialMln = BackgroundInitialMln.Start(settings, cancellation);
        var fingerprinted = RunData.Fingerprinted(settings, catalog, cancellation);
        cancellation.ThrowIfCancellationRequested();
        RunPreflight.Check(catalog, TrialEpisodes.Of(fingerprinted));
        return initialMln.Finish(fingerprinted, showProgress: false);
    };
}

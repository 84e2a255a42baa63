using MetaLoss.Actors.Service;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Host.Runs;

/// <summary>What `serve` does to a submitted run before its population starts: exactly what `evolve` does before it asks its population.</summary>
public static class ServiceRunPreparation
{
    public static RunPreparation From(DatasetCatalog catalog) => settings =>
    {
        // A missing or corrupt dataset, or a run whose first episode throws, is refused here.
        var fingerprinted = RunData.Fingerprinted(settings, catalog);
        RunPreflight.Check(catalog, TrialEpisodes.Of(fingerprinted));
        return InitialMln.Create(fingerprinted);
    };
}

using MetaLoss.Training.Data;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// Checks, before a run is journaled, that its episodes can run: each dataset can give them (sizes,
/// classes) and one episode of each kind runs to the end. A run that cannot run would otherwise be
/// journaled and then fail in every evaluator; this refuses it with one line instead.
/// </summary>
public static class RunPreflight
{
    /// <param name="episodes">one episode of each kind the run will hand out, as evaluators will get it</param>
    /// <exception cref="ArgumentException">the run cannot run; the message says why</exception>
    public static void Check(IDatasetSource datasets, IReadOnlyList<EpisodeSpec> episodes)
    {
        foreach (var spec in episodes)
        {
            spec.Validate();
            EpisodeDataCheck.Check(datasets.Get(spec.Dataset), spec.PerClassTrain, spec.ValidationSize, spec.Classes);
        }
        var runner = new BatchedEpisodeRunner(datasets);
        foreach (var spec in episodes)
        {
            try
            {
                runner.Run([spec]);
            }
            // Whatever it is, every evaluator would meet it too; the run is refused, not journaled.
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new ArgumentException($"a trial episode on {DatasetNames.Format(spec.Dataset)} failed, so the run cannot run: {e.Message}", e);
            }
        }
    }
}

using System.Collections.Concurrent;
using MetaLoss.Training.Data;

namespace MetaLoss.Training.Tests.Baselines;

/// <summary>Passes requests on to the real datasets and remembers every dataset asked for.</summary>
public sealed class RecordingDatasetSource(IDatasetSource inner) : IDatasetSource
{
    private readonly ConcurrentDictionary<DatasetName, int> _requested = new();

    public IReadOnlyCollection<DatasetName> Requested => [.. _requested.Keys];

    public ImageDataset Get(DatasetName name)
    {
        _requested.AddOrUpdate(name, 1, (_, n) => n + 1);
        return inner.Get(name);
    }
}

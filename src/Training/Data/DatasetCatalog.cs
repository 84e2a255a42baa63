namespace MetaLoss.Training.Data;

/// <summary>
/// Loads each dataset on first use, once, and shares it between threads (several evaluators may ask
/// at the same time). A failed load is not cached, so a fixed file is picked up on the next request.
/// A dataset made from another keeps that one loaded here too (FashionMNIST's train split, 47 MB,
/// behind its meta-training part and the transformed sources).
/// </summary>
public sealed class DatasetCatalog : IDatasetSource, IDisposable
{
    private readonly DataLocations _locations;
    private readonly Dictionary<DatasetName, Slot> _slots;
    private volatile bool _disposed;

    public DatasetCatalog(DataLocations locations)
    {
        _locations = locations;
        _slots = Enum.GetValues<DatasetName>().ToDictionary(name => name, _ => new Slot());
    }

    public ImageDataset Get(DatasetName name)
    {
        if (!_slots.TryGetValue(name, out var slot))
            throw new ArgumentOutOfRangeException(nameof(name), name, "not a known dataset");
        // Double-checked per slot: loading one dataset does not hold up readers of another.
        var loaded = slot.Dataset;
        if (loaded is not null && !_disposed) return loaded;
        lock (slot)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // A derived dataset asks this catalog for its base, under the base's own lock: bases form a
            // chain (transformed -> meta-training part -> train split), so two loads never wait on each other in a cycle.
            return slot.Dataset ??= DatasetLoader.Load(name, _locations, this);
        }
    }

    /// <summary>The dataset's fingerprint, computed once when it is first asked for (about 0.1 s for FashionMNIST's train split).</summary>
    public DatasetFingerprint Fingerprint(DatasetName name)
    {
        var dataset = Get(name);
        var slot = _slots[name];
        lock (slot)
        {
            return slot.Fingerprint ??= DatasetFingerprint.Of(name, dataset);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var slot in _slots.Values)
        {
            lock (slot)
            {
                slot.Dataset?.Dispose();
                slot.Dataset = null;
                slot.Fingerprint = null;
            }
        }
    }

    private sealed class Slot
    {
        public volatile ImageDataset? Dataset;
        public DatasetFingerprint? Fingerprint;
    }
}

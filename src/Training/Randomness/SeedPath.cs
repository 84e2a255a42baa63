namespace MetaLoss.Training.Randomness;

/// <summary>
/// Hashes a path of integers (run seed, generation, candidate, ...) to one seed, so every random
/// choice in a run is a pure function of where it happens and never of the order work ran in.
/// </summary>
public static class SeedPath
{
    public static ulong Derive(ulong root, params long[] path)
    {
        var h = SplitMix64.Mix(root ^ 0x6A09E667F3BCC909UL);
        foreach (var part in path)
            h = SplitMix64.Mix(h ^ SplitMix64.Mix((ulong)part + 0x9E3779B97F4A7C15UL));
        return h;
    }
}

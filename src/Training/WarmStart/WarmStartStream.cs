namespace MetaLoss.Training.WarmStart;

/// <summary>
/// First element of every seed path the warm start derives from its seed, one per kind of randomness,
/// so the held-out batches can never repeat the training batches. Never renumber or reuse one.
/// </summary>
internal enum WarmStartStream : long
{
    InitialPhi = 1,
    TrainingBatches = 2,
    HeldOutBatches = 3,
}

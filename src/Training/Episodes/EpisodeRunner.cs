using MetaLoss.Training.Data;
using static TorchSharp.torch;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// Runs one inner-loop episode at a time: the group of one of <see cref="BatchedEpisodeRunner"/>,
/// which says what an episode does. Its rows, classifier and loss live on <paramref name="device"/>
/// (a CUDA evaluator slot's GPU, or the CPU by default).
/// </summary>
public sealed class EpisodeRunner(IDatasetSource datasets, Device? device = null)
{
    private readonly BatchedEpisodeRunner _runner = new(datasets, device);

    public EpisodeResult Run(EpisodeSpec spec) => _runner.Run(spec);
}

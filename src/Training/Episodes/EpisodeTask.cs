using MetaLoss.Training.Data;
using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// One episode's task as tensors on a device: its training rows with labels and one-hot targets,
/// and the classifier shape they need. The validation rows are made only when asked for, since a
/// gradient probe never validates. Tensors belong to the caller's dispose scope.
/// </summary>
internal sealed class EpisodeTask
{
    private readonly ImageDataset _data;
    private readonly EpisodeSample _sample;
    private readonly Device? _device;

    private EpisodeTask(ImageDataset data, EpisodeSample sample, int firstHidden, int secondHidden, Device? device)
    {
        _data = data;
        _sample = sample;
        _device = device;
        TrainFeatures = data.Features(sample.TrainIndices).to(device ?? CPU);
        TrainLabels = tensor(sample.TrainLabels, ScalarType.Int64, device: device);
        TrainTargets = nn.functional.one_hot(TrainLabels, sample.ClassCount).to_type(ScalarType.Float32);
        Shape = new ClassifierShape(data.FeatureCount, firstHidden, secondHidden, sample.ClassCount);
    }

    public Tensor TrainFeatures { get; }

    public Tensor TrainLabels { get; }

    public Tensor TrainTargets { get; }

    public ClassifierShape Shape { get; }

    /// <summary>Samples the spec's task (its dataset, classes and task seed); the spec must be valid.</summary>
    public static EpisodeTask Sample(IDatasetSource datasets, EpisodeSpec spec, Device? device)
    {
        var data = datasets.Get(spec.Dataset);
        var sample = EpisodeSampler.Sample(data, spec.PerClassTrain, spec.ValidationSize, spec.TaskSeed, spec.Classes);
        return new EpisodeTask(data, sample, spec.FirstHidden, spec.SecondHidden, device);
    }

    public (Tensor Features, Tensor Labels) Validation() =>
        (_data.Features(_sample.ValidationIndices).to(_device ?? CPU), tensor(_sample.ValidationLabels, ScalarType.Int64, device: _device));
}

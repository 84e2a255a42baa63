using System.Text.Json.Serialization;
using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Models;

/// <summary>
/// Sizes of the Meta-Loss Network. Every layer acts per (sample, class) element, so the same
/// parameters serve any batch size and any number of classes K. With <paramref name="ProgressInput"/>
/// the prediction function also sees the episode's training progress step / steps in [0, 1), one
/// scalar per step shared by every element, so a learned loss can also learn a schedule.
/// </summary>
/// <param name="ProgressInput">Off by default, and then left out of an MLN file, so that files without it read as off.</param>
public sealed record MlnArchitecture(
    int PredictionHidden = 8,
    int TargetHidden = 8,
    int IntegrationChannels = 8,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ProgressInput = false)
{
    public static MlnArchitecture Default { get; } = new();

    /// <summary>
    /// Far above anything evolvable (the default is 8; evolution mutates every parameter), and small
    /// enough that the parameter count cannot overflow or exhaust memory when a file claims more.
    /// </summary>
    public const int MaxLayerSize = 4096;

    /// <summary>The layer sizes by name, for messages.</summary>
    [JsonIgnore]
    public IReadOnlyList<(string Name, int Size)> LayerSizes =>
        [(nameof(PredictionHidden), PredictionHidden), (nameof(TargetHidden), TargetHidden), (nameof(IntegrationChannels), IntegrationChannels)];

    /// <summary>
    /// Named tensors in the order they are packed into the flat parameter vector. The progress weight
    /// comes last, so that the layout (and a seed's random draws) of every other tensor is the same with and without it.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<MlnTensor> Tensors => ProgressInput ? [.. BaseTensors, new("prediction.progress.weight", [1, PredictionHidden])] : BaseTensors;

    private IReadOnlyList<MlnTensor> BaseTensors =>
    [
        new("prediction.hidden.weight", [MlnFeatures.PredictionInputs, PredictionHidden]),
        new("prediction.hidden.bias", [PredictionHidden]),
        new("prediction.out.weight", [PredictionHidden, 1]),
        new("prediction.out.bias", [1]),
        new("target.hidden.weight", [1, TargetHidden]),
        new("target.hidden.bias", [TargetHidden]),
        new("target.out.weight", [TargetHidden, 1]),
        new("target.out.bias", [1]),
        new("integration.conv1.weight", [2, IntegrationChannels]),
        new("integration.conv1.bias", [IntegrationChannels]),
        new("integration.conv2.weight", [IntegrationChannels, 1]),
        new("integration.conv2.bias", [1]),
    ];

    [JsonIgnore]
    public int ParameterCount => Tensors.Sum(t => t.Length);

    public void Validate()
    {
        if (LayerSizes.Any(l => l.Size is <= 0 or > MaxLayerSize))
            throw new ArgumentException($"MLN layer sizes must be between 1 and {MaxLayerSize}, got {this}");
    }

    /// <summary>
    /// The paper's random initialisation: weights ~ N(0, 1/fan_in), biases zero.
    /// </summary>
    public float[] RandomParameters(ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var phi = new float[ParameterCount];
        var offset = 0;
        foreach (var t in Tensors)
        {
            if (t.Shape.Length == 2)
            {
                var std = 1.0 / Math.Sqrt(t.Shape[0]);
                for (var i = 0; i < t.Length; i++) phi[offset + i] = (float)(random.NextGaussian() * std);
            }
            offset += t.Length;
        }
        return phi;
    }
}

/// <summary>One named tensor of the MLN's flat parameter vector.</summary>
public sealed record MlnTensor(string Name, long[] Shape)
{
    public int Length => (int)Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>What each element function sees.</summary>
public static class MlnFeatures
{
    /// <summary>
    /// The prediction function sees both y_hat and log(y_hat) (taken exactly from the logits), so
    /// that cross-entropy's form lies within reach of its small MLP; the paper's CE example
    /// processes y_hat by a log for the same reason.
    /// </summary>
    public const int PredictionInputs = 2;
}

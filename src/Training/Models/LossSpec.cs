namespace MetaLoss.Training.Models;

/// <summary>Which loss an episode trains with: a value that can travel in messages and events.</summary>
public abstract record LossSpec
{
    /// <summary>The loss, with any parameters it has on <paramref name="device"/> (default: CPU).</summary>
    public abstract ILoss Create(TorchSharp.torch.Device? device = null);

    public abstract string Label { get; }

    public sealed record CrossEntropy : LossSpec
    {
        public override ILoss Create(TorchSharp.torch.Device? device = null) => new CrossEntropyLoss();
        public override string Label => "CE";
    }

    public sealed record MeanSquaredError : LossSpec
    {
        public override ILoss Create(TorchSharp.torch.Device? device = null) => new MeanSquaredErrorLoss();
        public override string Label => "MSE";
    }

    public sealed record MetaLoss(MlnArchitecture Architecture, float[] Phi) : LossSpec
    {
        public override ILoss Create(TorchSharp.torch.Device? device = null) => new MetaLossNetwork(Architecture, Phi, device: device);
        public override string Label => "MLN";
    }
}

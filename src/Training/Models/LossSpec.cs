namespace MetaLoss.Training.Models;

/// <summary>Which loss an episode trains with: a value that can travel in messages and events.</summary>
public abstract record LossSpec
{
    /// <summary>The loss, with any parameters it has on <paramref name="device"/> (default: CPU).</summary>
    public abstract ILoss Create(TorchSharp.torch.Device? device = null);

    /// <summary>
    /// The loss's name with its parameters, e.g. "focal γ=2". Apart from an MLN's (whose phi it
    /// leaves out), two specs with the same label compute the same loss, which is what lets a batch
    /// of them share one (see <see cref="BatchedLosses"/>).
    /// </summary>
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

    /// <summary>Cross-entropy with label smoothing <paramref name="Epsilon"/> (see <see cref="LabelSmoothingLoss"/>).</summary>
    public sealed record LabelSmoothing(double Epsilon) : LossSpec
    {
        public double Epsilon { get; } = LabelSmoothingLoss.Checked(Epsilon);
        public override ILoss Create(TorchSharp.torch.Device? device = null) => new LabelSmoothingLoss(Epsilon);
        public override string Label => $"CE+LS ε={LossParameters.Format(Epsilon)}";
    }

    /// <summary>Poly-1, cross-entropy plus <paramref name="Epsilon"/> (1 - p_t) (see <see cref="PolyOneLoss"/>).</summary>
    public sealed record PolyOne(double Epsilon) : LossSpec
    {
        public double Epsilon { get; } = PolyOneLoss.Checked(Epsilon);
        public override ILoss Create(TorchSharp.torch.Device? device = null) => new PolyOneLoss(Epsilon);
        public override string Label => $"Poly-1 ε={LossParameters.Format(Epsilon)}";
    }

    /// <summary>Focal loss with focusing parameter <paramref name="Gamma"/> (see <see cref="FocalLoss"/>).</summary>
    public sealed record Focal(double Gamma) : LossSpec
    {
        public double Gamma { get; } = FocalLoss.Checked(Gamma);
        public override ILoss Create(TorchSharp.torch.Device? device = null) => new FocalLoss(Gamma);
        public override string Label => $"focal γ={LossParameters.Format(Gamma)}";
    }
}

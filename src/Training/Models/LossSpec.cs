namespace MetaLoss.Training.Models;

/// <summary>Which loss an episode trains with: a value that can travel in messages and events.</summary>
public abstract record LossSpec
{
    public abstract ILoss Create();

    public abstract string Label { get; }

    public sealed record CrossEntropy : LossSpec
    {
        public override ILoss Create() => new CrossEntropyLoss();
        public override string Label => "CE";
    }

    public sealed record MeanSquaredError : LossSpec
    {
        public override ILoss Create() => new MeanSquaredErrorLoss();
        public override string Label => "MSE";
    }

    public sealed record MetaLoss(MlnArchitecture Architecture, float[] Phi) : LossSpec
    {
        public override ILoss Create() => new MetaLossNetwork(Architecture, Phi);
        public override string Label => "MLN";
    }
}

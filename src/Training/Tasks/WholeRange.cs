namespace MetaLoss.Training.Tasks;

/// <summary>Whole numbers from <see cref="Min"/> to <see cref="Max"/>, both included, drawn uniformly.</summary>
public sealed record WholeRange(int Min, int Max)
{
    public override string ToString() => Min == Max ? $"{Min}" : $"{Min}..{Max}";
}

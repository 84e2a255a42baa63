namespace MetaLoss.Training.Models;

/// <summary>
/// Which inner-loop classifier an episode trains. Evolution only ever trains the MLP (the wire
/// format of an episode carries no kind); the CNN is for meta-testing a loss on another architecture.
/// </summary>
public enum ClassifierKind
{
    /// <summary>Three fully connected layers with ReLU (<see cref="BatchedMlpClassifier"/>).</summary>
    Mlp,

    /// <summary>Two 3x3 convolutions with max pooling, then a linear layer (<see cref="BatchedCnnClassifier"/>).</summary>
    Cnn,
}

namespace MetaLoss.Training.Episodes;

/// <summary>The parts of a group's episode that <see cref="EpisodePhaseClock"/> times.</summary>
public enum EpisodePhase
{
    /// <summary>Drawing the tasks and gathering their rows.</summary>
    Sampling,

    /// <summary>The classifiers' initial weights and the losses (the MLNs' parameters).</summary>
    Initialisation,

    /// <summary>The training forward pass, every step.</summary>
    Forward,

    /// <summary>The loss and its logit gradient (the MLN, CE, ...), every step.</summary>
    Loss,

    /// <summary>Each step's training losses and accuracies, read back to the host.</summary>
    Statistics,

    /// <summary>The backward pass and the SGD update, every step.</summary>
    SgdStep,

    /// <summary>The forward pass on the validation rows and its accuracy.</summary>
    Validation,

    /// <summary>The final check for a classifier that blew up, and the results.</summary>
    Finish,
}

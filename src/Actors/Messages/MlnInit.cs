namespace MetaLoss.Actors.Messages;

/// <summary>Where a run's initial MLN comes from.</summary>
public enum MlnInit
{
    /// <summary>Fitted so its logit gradient matches cross-entropy's (the default warm start).</summary>
    CrossEntropyFit,

    /// <summary>Fitted to mean squared error instead.</summary>
    MeanSquaredErrorFit,

    /// <summary>The paper's random initialisation, rescaled so its gradient norm matches CE's.</summary>
    Random,
}

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

    /// <summary>
    /// Fitted to CE with label smoothing at its tuned rate and schedule (as SGD at the run's rate
    /// would feel it); needs the progress input. The tuned settings are in the host's InitialMln.
    /// </summary>
    LabelSmoothingFit,

    /// <summary>Fitted to Poly-1 at its tuned rate and schedule; needs the progress input.</summary>
    PolyOneFit,

    /// <summary>Fitted to focal loss at its tuned rate and schedule; needs the progress input.</summary>
    FocalFit,
}

public static class MlnInits
{
    /// <summary>
    /// True for the starts fitted to a baseline's tuned learning-rate schedule: the MLN can follow a
    /// schedule only through the progress input, so a run without it cannot take them.
    /// </summary>
    public static bool FollowsSchedule(this MlnInit init) => init is MlnInit.LabelSmoothingFit or MlnInit.PolyOneFit or MlnInit.FocalFit;
}

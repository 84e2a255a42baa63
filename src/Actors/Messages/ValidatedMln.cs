using MetaLoss.Training.Evolution;

namespace MetaLoss.Actors.Messages;

/// <summary>A candidate scored on the run's meta-validation set, and where it came from.</summary>
public sealed record ValidatedMln(long Generation, int Candidate, Genome Genome, double Score);

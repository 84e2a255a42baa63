using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Evolution;

/// <summary>
/// The (mu+lambda) evolution strategy of Algorithm 1 with mu = lambda = T, as a pure ask/tell API:
/// <see cref="Ask"/> turns a population into 2T candidates, the caller scores them however it likes,
/// <see cref="Tell"/> keeps the best T. Every random draw is a function of (run seed, generation,
/// parent), never of call order or thread, so the same inputs give bit-identical outputs.
/// </summary>
public static class SelfAdaptiveEvolution
{
    /// <summary>
    /// Generation 0: parent 0 is <paramref name="initialPhi"/> itself and parents 1..T-1 are mutations
    /// of it, all starting from <see cref="EvolutionSettings.InitialSigma"/>.
    /// </summary>
    public static Population Initialize(float[] initialPhi, EvolutionSettings settings, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(initialPhi);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var origin = Genome.WithUniformSigma(initialPhi, settings.InitialSigma);
        var parents = new Genome[settings.Parents];
        parents[0] = origin;
        for (var i = 1; i < parents.Length; i++)
        {
            var random = new DeterministicRandom(SeedPath.Derive(runSeed, (long)SeedStream.InitialMutation, i));
            parents[i] = SelfAdaptiveMutation.Mutate(origin, settings, random);
        }

        return new Population(0, parents);
    }

    /// <summary>A parameter vector with entries drawn from N(0, scale^2), for a random start.</summary>
    public static float[] RandomPhi(int parameterCount, float scale, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameterCount, 1);
        if (!float.IsFinite(scale) || scale < 0f)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "must be finite and non-negative");
        var random = new DeterministicRandom(SeedPath.Derive(seed, (long)SeedStream.RandomPhi));
        var phi = new float[parameterCount];
        for (var j = 0; j < phi.Length; j++)
            phi[j] = (float)(scale * random.NextGaussian());
        return phi;
    }

    /// <summary>
    /// The 2T candidates of a generation: indices 0..T-1 are the parents unchanged (re-scored, as in
    /// Algorithm 1), index T+i is the kid of parent i.
    /// </summary>
    public static IReadOnlyList<Genome> Ask(Population population, EvolutionSettings settings, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var t = population.Parents.Count;
        if (t != settings.Parents)
            throw new ArgumentException(
                $"The population has {t} parents but settings say Parents = {settings.Parents}.", nameof(population));
        var candidates = new Genome[2 * t];
        for (var i = 0; i < t; i++)
        {
            var random = new DeterministicRandom(
                SeedPath.Derive(runSeed, (long)SeedStream.Mutation, population.Generation, i));
            candidates[i] = population.Parents[i];
            candidates[t + i] = SelfAdaptiveMutation.Mutate(population.Parents[i], settings, random);
        }

        return candidates;
    }

    /// <summary>Ranks the 2T fitness values (higher is better, ties to the lower index, NaN last) and picks T survivors.</summary>
    public static Selection Select(Population population, IReadOnlyList<double> fitness)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(fitness);
        var t = population.Parents.Count;
        if (fitness.Count != 2 * t)
            throw new ArgumentException(
                $"Expected {2 * t} fitness values (2T for T = {t}), got {fitness.Count}.", nameof(fitness));
        var survivors = FitnessRanking.BestFirst(fitness)[..t];
        var scored = fitness.Where(f => !double.IsNaN(f)).ToArray();
        var mean = scored.Length > 0 ? scored.Average() : double.NaN;
        return new Selection(Array.AsReadOnly(survivors), fitness[survivors[0]], mean);
    }

    /// <summary>
    /// The next generation from survivor indices already chosen by <see cref="Select"/>; this is how a
    /// persisted selection event is replayed without the fitness values.
    /// </summary>
    public static Population Advance(
        Population population, IReadOnlyList<Genome> candidates, IReadOnlyList<int> survivorIndices)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(survivorIndices);
        CheckCandidates(population, candidates);
        var t = population.Parents.Count;
        if (survivorIndices.Count != t)
            throw new ArgumentException(
                $"Expected {t} survivor indices, got {survivorIndices.Count}.", nameof(survivorIndices));
        if (survivorIndices.Any(i => i < 0 || i >= candidates.Count))
            throw new ArgumentException(
                $"Survivor indices must lie in [0, {candidates.Count}).", nameof(survivorIndices));
        if (survivorIndices.Distinct().Count() != t)
            throw new ArgumentException("Survivor indices must be distinct.", nameof(survivorIndices));
        return new Population(population.Generation + 1, survivorIndices.Select(i => candidates[i]).ToArray());
    }

    /// <summary>The next generation: the best T of the 2T candidates, best first.</summary>
    public static Population Tell(
        Population population, IReadOnlyList<Genome> candidates, IReadOnlyList<double> fitness)
        => Advance(population, candidates, Select(population, fitness).SurvivorIndices);

    /// <summary>Catches candidates that were not asked for this population, e.g. from a stale generation.</summary>
    private static void CheckCandidates(Population population, IReadOnlyList<Genome> candidates)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(candidates);
        var t = population.Parents.Count;
        if (candidates.Count != 2 * t)
            throw new ArgumentException(
                $"Expected {2 * t} candidates (2T for T = {t}), got {candidates.Count}.", nameof(candidates));
        for (var i = 0; i < t; i++)
        {
            if (!population.Parents[i].Equals(candidates[i]))
                throw new ArgumentException(
                    $"Candidate {i} is not parent {i} of generation {population.Generation}; " +
                    "candidates must come from Ask on this population.", nameof(candidates));
        }

        for (var i = t; i < candidates.Count; i++)
        {
            if (candidates[i] is null || candidates[i].Length != population.ParameterCount)
                throw new ArgumentException(
                    $"Candidate {i} must be a genome of {population.ParameterCount} parameters.", nameof(candidates));
        }
    }
}

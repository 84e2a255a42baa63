using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>A generation's shortlist is re-scored on the fixed meta-validation set; the best so scored is the run's best MLN.</summary>
public sealed class MetaValidationStateSpecs
{
    private static readonly RunSettings Settings = TestRuns.ValidatedSettings(parents: 3, episodes: 2, validationEpisodes: 3, top: 2);

    private static PopulationState Open(RunSettings settings)
    {
        var state = PopulationState.Empty.Apply(new RunStarted(settings, TestRuns.InitialPhi()));
        return state.Apply(state.StartNextGeneration());
    }

    /// <summary>Every training episode of the open generation gets fitness(candidate).</summary>
    private static PopulationState Train(PopulationState state, Func<int, double> fitness) =>
        state.PendingEpisodes().Where(k => !k.MetaValidation).ToList().Aggregate(state, (s, key) =>
            s.Apply(new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, fitness(key.Candidate), EpisodeOutcome.Completed)));

    /// <summary>Every pending meta-validation episode gets score(candidate, episode).</summary>
    private static PopulationState Validate(PopulationState state, Func<int, int, double> score) =>
        state.PendingEpisodes().ToList().Aggregate(state, (s, key) =>
            s.Apply(new MetaValidationEpisodeCompleted(key.Generation, key.Candidate, key.Episode, score(key.Candidate, key.Episode), EpisodeOutcome.Completed)));

    private static PopulationState Close(PopulationState state)
    {
        if (state.ValidationDue) state = state.Apply(state.CompleteValidation());
        Assert.True(state.GenerationComplete);
        state = state.Apply(state.CompleteGeneration());
        return state.Finished ? state : state.Apply(state.StartNextGeneration());
    }

    [Fact]
    public void Should_offer_meta_validation_episodes_only_once_training_is_done()
    {
        var state = Open(Settings);

        Assert.All(state.PendingEpisodes(), key => Assert.False(key.MetaValidation));
        Assert.False(state.IsOpen(new EpisodeKey(0, 5, 0, MetaValidation: true)));

        state = Train(state, c => 0.1 * c);
        Assert.True(state.TrainingComplete);
        Assert.False(state.GenerationComplete);
        Assert.All(state.PendingEpisodes(), key => Assert.True(key.MetaValidation));
        Assert.True(state.IsOpen(new EpisodeKey(0, 5, 0, MetaValidation: true)));
    }

    [Fact]
    public void Should_shortlist_the_best_candidates_by_training_fitness_and_list_their_episodes()
    {
        var fitness = new[] { 0.3, 0.9, 0.1, 0.5, 0.9, 0.2 };
        var state = Train(Open(Settings), c => fitness[c]);

        // Ties go to the lower index, so the choice does not depend on result order.
        Assert.Equal([1, 4], state.Shortlist());
        Assert.Equal(
            [new(0, 1, 0, true), new(0, 1, 1, true), new(0, 1, 2, true), new(0, 4, 0, true), new(0, 4, 1, true), new(0, 4, 2, true)],
            state.PendingEpisodes());
        Assert.False(state.IsOpen(new EpisodeKey(0, 3, 0, MetaValidation: true)));
        Assert.False(state.IsOpen(new EpisodeKey(0, 1, 3, MetaValidation: true)));
    }

    [Fact]
    public void Should_run_every_meta_validation_episode_on_held_out_data_with_seeds_fixed_for_the_run()
    {
        var state = Train(Open(Settings), c => 0.1 * c);
        var keys = state.PendingEpisodes().ToList();

        foreach (var key in keys)
        {
            var spec = state.SpecFor(key);
            var seeds = SeedDerivation.ForMetaValidationEpisode(Settings.Seed, key.Episode);
            Assert.Equal(DatasetName.FashionMnistMetaValidation, spec.Dataset);
            Assert.Equal((seeds.TaskSeed, seeds.InitSeed), (spec.TaskSeed, spec.InitSeed));
            Assert.Equal(state.Candidates![key.Candidate].Phi, ((LossSpec.MetaLoss)spec.Loss).Phi);
        }
        Assert.Equal(DatasetName.FashionMnistMetaTrain, state.SpecFor(new EpisodeKey(0, 0, 0)).Dataset);

        // The next generation's set is the same episodes.
        var next = Close(Validate(state, (_, _) => 0.5));
        next = Train(next, c => c == 5 ? 1.0 : 0.0);
        var later = next.PendingEpisodes().First(k => k.Candidate == 5);
        Assert.Equal((state.SpecFor(keys[0]).TaskSeed, state.SpecFor(keys[0]).InitSeed), (next.SpecFor(later).TaskSeed, next.SpecFor(later).InitSeed));
    }

    [Fact]
    public void Should_score_the_shortlist_by_its_mean_and_make_the_best_the_runs_best_mln()
    {
        var state = Train(Open(Settings), c => 0.1 * c);
        state = Validate(state, (c, e) => c == 5 ? 0.6 + 0.01 * e : 0.7 + 0.01 * e);

        Assert.True(state.ValidationDue);
        Assert.False(state.GenerationComplete);
        var validated = state.CompleteValidation();
        Assert.Equal([new ValidationScore(5, (0.6 + 0.61 + 0.62) / 3), new ValidationScore(4, (0.7 + 0.71 + 0.72) / 3)], validated.Scores);

        state = state.Apply(validated);
        Assert.False(state.ValidationDue);
        Assert.True(state.GenerationComplete);
        Assert.Equal((0L, 4), (state.BestValidated!.Generation, state.BestValidated.Candidate));
        // The run's best is candidate 4, not the best by training fitness (candidate 5).
        Assert.Equal(state.Candidates![4], state.ToStatus().Best);

        state = state.Apply(state.CompleteGeneration());
        Assert.Equal(validated.Scores[1].Score, state.History[^1].BestValidationScore);
    }

    [Fact]
    public void Should_not_rescore_a_surviving_parent_and_keep_the_best_until_a_better_one_comes()
    {
        var state = Train(Open(Settings), c => 0.1 * c);
        state = Close(Validate(state, (c, _) => c == 5 ? 0.8 : 0.4));
        var best = state.BestValidated!;

        // Generation 1: the parents (indices 0..2) are the survivors 5, 4, 3; the best two are parents 0 and 1, both scored.
        state = Train(state, c => c < 2 ? 1.0 : 0.0);
        Assert.Empty(state.Shortlist());
        Assert.True(state.GenerationComplete);
        state = Close(state);

        // Generation 2: an offspring is shortlisted with parent 0; only the offspring runs, and it scores lower.
        state = Train(state, c => c is 0 or 3 ? 1.0 : 0.0);
        Assert.Equal([3], state.Shortlist());
        state = Validate(state, (_, _) => 0.7);
        state = Close(state);

        Assert.Equal(best, state.BestValidated);
        Assert.Equal(3, state.Validated.Count);
        Assert.Equal([best.Score, best.Score, best.Score], state.History.Select(h => h.BestValidationScore));
        Assert.True(state.Finished);
        Assert.Equal(best.Genome, state.ToStatus().Best);
    }

    [Fact]
    public void Should_ignore_duplicate_and_stray_meta_validation_results()
    {
        var state = Train(Open(Settings), c => 0.1 * c);
        var key = state.PendingEpisodes().First();
        state = state.Apply(new MetaValidationEpisodeCompleted(0, key.Candidate, key.Episode, 0.5, EpisodeOutcome.Completed));

        Assert.Same(state, state.Apply(new MetaValidationEpisodeCompleted(0, key.Candidate, key.Episode, 0.9, EpisodeOutcome.Completed)));
        Assert.Same(state, state.Apply(new MetaValidationEpisodeCompleted(0, 0, 0, 0.9, EpisodeOutcome.Completed)));
        Assert.Same(state, state.Apply(new MetaValidationEpisodeCompleted(1, key.Candidate, key.Episode, 0.9, EpisodeOutcome.Completed)));
        Assert.Equal(0.5, state.ValidationResults[key].Fitness);

        state = Validate(state, (_, _) => 0.5);
        var validated = state.CompleteValidation();
        state = state.Apply(validated);
        Assert.Equal(2, state.Apply(validated).Validated.Count);
    }

    [Fact]
    public void Should_count_meta_validation_episodes_in_the_generations_progress()
    {
        var state = Train(Open(Settings), c => 0.1 * c);
        var training = Settings.EpisodesPerGeneration;

        Assert.Equal((training, training + 6), (state.ToStatus().EpisodesDoneThisGeneration, state.ToStatus().EpisodesPerGeneration));
        state = Validate(state, (_, _) => 0.5);
        state = state.Apply(state.CompleteValidation());
        Assert.Equal((training + 6, training + 6), (state.ToStatus().EpisodesDoneThisGeneration, state.ToStatus().EpisodesPerGeneration));
        Assert.Equal(training + 6, state.EpisodesCompleted);
    }

    [Fact]
    public void Should_behave_as_before_without_meta_validation()
    {
        var settings = Settings with { MetaValidation = MetaValidation.None };
        var state = Train(Open(settings), c => 0.1 * c);

        Assert.Empty(state.Shortlist());
        Assert.Empty(state.PendingEpisodes());
        Assert.True(state.GenerationComplete);
        state = state.Apply(state.CompleteGeneration());
        Assert.Null(state.History[^1].BestValidationScore);
        Assert.Equal(state.Population!.Parents[0], state.ToStatus().Best);
    }

    [Fact]
    public void Should_refuse_meta_validation_on_data_meta_training_also_draws_from()
    {
        var overlapping = Settings with { Template = Settings.Template with { Dataset = DatasetName.FashionMnistTrain } };
        var error = Assert.Throws<ArgumentException>(overlapping.Validate);
        Assert.Contains("not held out", error.Message);

        Assert.Throws<ArgumentException>((Settings with { MetaValidation = Settings.MetaValidation with { Episodes = -1 } }).Validate);
        (Settings with { MetaValidation = Settings.MetaValidation with { Episodes = 0 } }).Validate();
    }

    [Fact]
    public void Should_name_a_changed_meta_validation_when_refusing_to_resume()
    {
        var other = Settings with { MetaValidation = Settings.MetaValidation with { TopCandidates = 5 } };

        var difference = Assert.Single(Settings.Differences(other));
        Assert.Equal($"validation top: journal has {Settings.MetaValidation.TopCandidates}, asked for 5", difference);
    }
}

using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

public class LearningRateScheduleSpecs
{
    private static readonly EpisodeRunner Runner = new(TestData.Catalog);

    private static EpisodeSpec Spec(LossSpec loss, ulong seed = 3) =>
        new(DatasetName.FashionMnistTrain, loss, TaskSeed: seed, InitSeed: seed + 1000, PerClassTrain: 5, ValidationSize: 200,
            FirstHidden: 32, SecondHidden: 16, Steps: 6, LearningRate: 0.3);

    [Fact]
    public void Should_decay_linearly_from_the_full_rate_to_the_final_fraction()
    {
        var schedule = new LearningRateSchedule(LearningRateDecay.Linear, 0.2);
        double[] expected = [1.0, 0.8, 0.6, 0.4, 0.2];
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(step => Math.Round(schedule.Factor(step, 5), 12)));
    }

    [Fact]
    public void Should_follow_a_half_cosine_from_the_full_rate_to_the_final_fraction()
    {
        var schedule = new LearningRateSchedule(LearningRateDecay.Cosine, 0.25);
        Assert.Equal(1, schedule.Factor(0, 9), 12);
        // Halfway, cos(pi/2) = 0: the factor is the midpoint of 1 and the final fraction.
        Assert.Equal(0.625, schedule.Factor(4, 9), 12);
        // A quarter of the way: 0.25 + 0.75 * (1 + cos(pi/4)) / 2.
        Assert.Equal(0.25 + 0.75 * (1 + Math.Sqrt(0.5)) / 2, schedule.Factor(2, 9), 12);
        Assert.Equal(0.25, schedule.Factor(8, 9), 12);
    }

    [Fact]
    public void Should_keep_the_full_rate_when_constant_or_with_a_single_step()
    {
        Assert.Equal(1, new LearningRateSchedule(LearningRateDecay.Constant, 0.1).Factor(3, 10));
        Assert.Equal(1, new LearningRateSchedule(LearningRateDecay.Linear, 0.1).Factor(0, 1));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Should_refuse_a_final_fraction_outside_zero_to_one(double fraction)
    {
        var spec = Spec(new LossSpec.CrossEntropy()) with { Schedule = new LearningRateSchedule(LearningRateDecay.Cosine, fraction) };
        var error = Assert.Throws<ArgumentException>(spec.Validate);
        Assert.Contains("final fraction", error.Message);
    }

    [Fact]
    public void Should_give_bit_identical_episodes_without_a_schedule_and_with_a_constant_one()
    {
        var spec = Spec(new LossSpec.CrossEntropy()) with { RecordValidationCurve = true };
        var plain = Runner.Run(spec);
        var constant = Runner.Run(spec with { Schedule = new LearningRateSchedule(LearningRateDecay.Constant, 1) });
        Assert.Equal(plain.TrainLoss, constant.TrainLoss);
        Assert.Equal(plain.ValidationAccuracy, constant.ValidationAccuracy);
        Assert.Equal(plain.Fitness, constant.Fitness);
    }

    [Fact]
    public void Should_apply_the_decay_from_the_second_update_on()
    {
        // Step 0 updates at the full rate under any schedule, so the losses measured before
        // steps 0 and 1 agree; step 1's update is already smaller, so step 2's loss differs.
        var spec = Spec(new LossSpec.CrossEntropy());
        var constant = Runner.Run(spec);
        var decayed = Runner.Run(spec with { Schedule = new LearningRateSchedule(LearningRateDecay.Linear, 0.1) });
        Assert.Equal(constant.TrainLoss[..2], decayed.TrainLoss[..2]);
        Assert.NotEqual(constant.TrainLoss[2], decayed.TrainLoss[2]);
    }

    [Fact]
    public void Should_match_lone_episodes_in_a_batch_whose_members_have_different_schedules()
    {
        var batched = new BatchedEpisodeRunner(TestData.Catalog);
        var specs = new[]
        {
            Spec(new LossSpec.CrossEntropy(), 11) with { Schedule = new LearningRateSchedule(LearningRateDecay.Linear, 0.1) },
            Spec(new LossSpec.CrossEntropy(), 12) with { Schedule = new LearningRateSchedule(LearningRateDecay.Cosine, 0.5) },
            Spec(new LossSpec.CrossEntropy(), 13),
        };
        var results = batched.Run(specs);
        for (var i = 0; i < specs.Length; i++) CloseResult.Assert(Runner.Run(specs[i]), results[i], $"member {i}");
    }
}

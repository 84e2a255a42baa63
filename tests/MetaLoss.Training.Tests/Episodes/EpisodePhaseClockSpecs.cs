using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>The bench's profile: timing a runner's phases changes none of its results, every phase is timed, and a reset starts over.</summary>
public class EpisodePhaseClockSpecs
{
    private static EpisodeSpec Member(ulong phiSeed) =>
        new(DatasetName.FashionMnistTrain, new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(phiSeed)),
            TaskSeed: 5, InitSeed: 6, PerClassTrain: 4, ValidationSize: 200, FirstHidden: 32, SecondHidden: 16, Steps: 4);

    [Fact]
    public void Should_time_every_phase_of_a_group_without_changing_its_results()
    {
        var group = Enumerable.Range(1, 3).Select(seed => Member((ulong)seed)).ToList();
        var clock = new EpisodePhaseClock();

        var timed = new BatchedEpisodeRunner(TestData.Catalog, clock: clock).RunGroup(group);
        var plain = new BatchedEpisodeRunner(TestData.Catalog).RunGroup(group);

        Assert.Equal(plain.Select(r => r.Fitness), timed.Select(r => r.Fitness));
        Assert.Equal(plain.Select(r => r.TrainLoss), timed.Select(r => r.TrainLoss));
        Assert.All(Enum.GetValues<EpisodePhase>(), phase => Assert.True(clock.SecondsIn(phase) > 0, $"{phase} was not timed"));
    }

    [Fact]
    public void Should_time_only_what_follows_a_reset()
    {
        var clock = new EpisodePhaseClock();
        clock.Time(EpisodePhase.Forward, () => Thread.Sleep(20));
        clock.Reset();
        clock.Time(EpisodePhase.Loss, () => Thread.Sleep(1));

        Assert.Equal(0, clock.SecondsIn(EpisodePhase.Forward));
        Assert.True(clock.SecondsIn(EpisodePhase.Loss) > 0);
        Assert.Equal(clock.SecondsIn(EpisodePhase.Loss), clock.TotalSeconds);
    }
}

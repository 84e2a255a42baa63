using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>The bench's profile: timing a runner's phases changes none of its results, and every phase is timed.</summary>
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
}

using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Tests.Population;

public sealed class PopulationOptionsSpecs
{
    [Theory]
    [InlineData(512, 64)]
    [InlineData(64, 64)]
    [InlineData(5, 5)]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    [InlineData(int.MinValue, 1)]
    public void Should_lease_at_least_one_episode_and_at_most_the_cap(int asked, int leased) =>
        Assert.Equal(leased, PopulationOptions.Default.LeaseSize(asked));
}

using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Tests.Randomness;

public class SplitMix64Specs
{
    [Fact]
    public void Should_match_the_reference_output_for_state_zero()
    {
        // First output of Vigna's reference splitmix64.c from state 0.
        ulong state = 0;

        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x9E3779B97F4A7C15UL, state);
    }
}

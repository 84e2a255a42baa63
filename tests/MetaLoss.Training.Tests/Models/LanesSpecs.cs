using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Models;

/// <summary>Both lane widths load and store whole vectors inside an array and refuse anything that would leave it.</summary>
public class LanesSpecs
{
    [Fact]
    public void Should_load_and_store_whole_vectors_at_any_offset_inside_the_array()
    {
        var values = Enumerable.Range(0, 40).Select(i => (float)i).ToArray();
        var copy = new float[40];

        VectorLanes.Load(values, 40 - VectorLanes.Count).Store(copy, 40 - VectorLanes.Count);
        Vector512Lanes.Load(values, 3).Store(copy, 3);

        Assert.Equal(values[(40 - VectorLanes.Count)..], copy[(40 - VectorLanes.Count)..]);
        Assert.Equal(values[3..(3 + Vector512Lanes.Count)], copy[3..(3 + Vector512Lanes.Count)]);
        Assert.Equal(7f, Vector512Lanes.Load(values, 7).First);
        Assert.Equal(7f, VectorLanes.Load(values, 7).First);
    }

    [Fact]
    public void Should_refuse_lanes_that_would_leave_the_array()
    {
        var values = new float[40];

        foreach (var start in new[] { -1, 40 - Vector512Lanes.Count + 1, int.MaxValue })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Vector512Lanes.Load(values, start));
            Assert.Throws<ArgumentOutOfRangeException>(() => Vector512Lanes.One.Store(values, start));
        }
        foreach (var start in new[] { -1, 40 - VectorLanes.Count + 1, int.MaxValue })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => VectorLanes.Load(values, start));
            Assert.Throws<ArgumentOutOfRangeException>(() => VectorLanes.One.Store(values, start));
        }
        Assert.All(values, value => Assert.Equal(0f, value));
    }
}

using MetaLoss.Actors.Service;

namespace MetaLoss.Actors.Tests.Service;

public sealed class RefusedSubmissionsSpecs
{
    [Fact]
    public void Should_keep_the_latest_reason_per_name_until_a_new_submission_forgets_it()
    {
        var refused = new RefusedSubmissions();
        refused.Remember("a", "too few images");
        refused.Remember("b", "no such dataset");
        refused.Remember("a", "bad learning rate");

        Assert.Equal("bad learning rate", refused.Reason("a"));
        Assert.Equal("no such dataset", refused.Reason("b"));
        Assert.Null(refused.Reason("c"));
        refused.Forget("a");
        Assert.Null(refused.Reason("a"));
        Assert.Equal("no such dataset", refused.Reason("b"));
    }

    [Fact]
    public void Should_forget_the_oldest_refusal_beyond_its_capacity_so_bad_submissions_cannot_grow_it()
    {
        var refused = new RefusedSubmissions();
        for (var i = 0; i < RefusedSubmissions.Capacity; i++) refused.Remember($"run-{i}", $"reason {i}");
        // Refused again: now the newest, so it outlives the others.
        refused.Remember("run-0", "reason 0 again");
        refused.Remember("one-more", "the last");

        Assert.Null(refused.Reason("run-1"));
        Assert.Equal("reason 0 again", refused.Reason("run-0"));
        Assert.Equal("reason 2", refused.Reason("run-2"));
        Assert.Equal("the last", refused.Reason("one-more"));
    }
}

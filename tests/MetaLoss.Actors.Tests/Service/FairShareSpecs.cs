using MetaLoss.Actors.Service;

namespace MetaLoss.Actors.Tests.Service;

public sealed class FairShareSpecs
{
    private static readonly HashSet<string> None = [];

    /// <summary>Leases <paramref name="leases"/> times, each of <paramref name="size"/> episodes, to whichever run is next; episodes per run.</summary>
    private static Dictionary<string, int> Serve(FairShare share, int leases, int size = 5)
    {
        var served = new Dictionary<string, int>();
        for (var i = 0; i < leases; i++)
        {
            var run = share.Next(None)!;
            share.Leased(run, size);
            served[run] = served.GetValueOrDefault(run) + size;
        }
        return served;
    }

    [Fact]
    public void Should_serve_equal_runs_equally_and_a_priority_2_run_twice_as_much()
    {
        var share = new FairShare();
        share.Add("a", 1);
        share.Add("b", 1);
        share.Add("c", 2);

        var served = Serve(share, 400);

        Assert.Equal(500, served["a"]);
        Assert.Equal(500, served["b"]);
        Assert.Equal(1000, served["c"]);
    }

    [Fact]
    public void Should_give_a_run_that_arrives_late_its_share_from_the_next_lease_without_catching_up()
    {
        var share = new FairShare();
        share.Add("early", 1);
        Serve(share, 100);
        share.Add("late", 1);

        var next = Serve(share, 2);
        var served = Serve(share, 98);

        Assert.Equal(5, next["late"]);
        Assert.Equal(250, served["early"] + next["early"]);
        Assert.Equal(250, served["late"] + next["late"]);
    }

    [Fact]
    public void Should_skip_idle_and_tried_runs_and_let_an_idle_run_catch_up_only_a_little_when_it_wakes()
    {
        var share = new FairShare();
        share.Add("a", 1);
        share.Add("b", 1);
        share.Idle("a");

        Assert.Equal("b", share.Next(None));
        Assert.Null(share.Next(new HashSet<string> { "b" }));
        // b gets 500 episodes while a has no work; a makes up the most it may, not all 500.
        Serve(share, 100);
        share.Woke("a");
        var served = Serve(share, 100);

        Assert.Equal(250 + FairShare.MaxCatchUp / 2, served["a"]);
        Assert.Equal(250 - FairShare.MaxCatchUp / 2, served["b"]);
    }

    [Fact]
    public void Should_let_a_run_idle_for_a_moment_make_up_all_it_missed()
    {
        var share = new FairShare();
        share.Add("a", 1);
        share.Add("b", 1);
        share.Idle("a");
        Serve(share, 10);
        share.Woke("a");

        var served = Serve(share, 100);

        Assert.Equal(275, served["a"]);
        Assert.Equal(225, served["b"]);
    }

    [Fact]
    public void Should_have_no_next_run_once_every_run_is_removed()
    {
        var share = new FairShare();
        share.Add("a", 3);
        share.Remove("a");

        Assert.Null(share.Next(None));
        Assert.Throws<ArgumentOutOfRangeException>(() => share.Add("b", 0));
    }
}

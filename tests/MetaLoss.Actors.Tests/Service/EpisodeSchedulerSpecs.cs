using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Service;
using MetaLoss.Actors.Tests.Population;

namespace MetaLoss.Actors.Tests.Service;

/// <summary>The scheduler between evaluators and runs, with probes standing in for both.</summary>
public sealed class EpisodeSchedulerSpecs() : TestKit(SpecConfig.Patient)
{
    [Fact]
    public void Should_offer_a_request_to_the_next_run_when_one_declines_and_park_it_when_none_has_work()
    {
        var scheduler = Sys.ActorOf(EpisodeScheduler.Props());
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        var evaluator = CreateTestProbe();
        scheduler.Tell(new ScheduleRun("population-a", a, 1));
        scheduler.Tell(new ScheduleRun("population-b", b, 1));

        scheduler.Tell(new RequestWork(5), evaluator);
        var offer = a.ExpectMsg<OfferWork>();
        Assert.Equal(evaluator.Ref, offer.Evaluator);
        Assert.Equal(5, offer.MaxEpisodes);
        scheduler.Tell(new OfferDeclined("population-a", evaluator), a);
        b.ExpectMsg<OfferWork>();
        scheduler.Tell(new OfferDeclined("population-b", evaluator), b);

        // Parked: offered again as soon as a run says it has work.
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        scheduler.Tell(new WorkAvailable("population-b"), b);
        Assert.Equal(evaluator.Ref, b.ExpectMsg<OfferWork>().Evaluator);
    }

    [Fact]
    public void Should_never_offer_to_an_unscheduled_run_and_never_tell_an_evaluator_that_work_ended()
    {
        var scheduler = Sys.ActorOf(EpisodeScheduler.Props());
        var paused = CreateTestProbe();
        var evaluator = CreateTestProbe();
        scheduler.Tell(new ScheduleRun("population-p", paused, 1));
        scheduler.Tell(new UnscheduleRun("population-p"));

        scheduler.Tell(new RequestWork(5), evaluator);

        // Beyond a recheck cycle: still nothing to either.
        paused.ExpectNoMsg(EpisodeScheduler.Recheck * 2);
        evaluator.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Should_share_requests_between_runs_by_priority()
    {
        var scheduler = Sys.ActorOf(EpisodeScheduler.Props());
        var single = CreateTestProbe();
        var twice = CreateTestProbe();
        scheduler.Tell(new ScheduleRun("population-1", single, 1));
        scheduler.Tell(new ScheduleRun("population-2", twice, 2));
        var offers = new Dictionary<string, int> { ["population-1"] = 0, ["population-2"] = 0 };

        for (var i = 0; i < 30; i++)
        {
            var evaluator = CreateTestProbe();
            scheduler.Tell(new RequestWork(4), evaluator);
            var (probe, id) = FirstOffer(single, twice);
            offers[id]++;
            scheduler.Tell(new OfferTaken(id, evaluator, 4), probe);
        }

        Assert.Equal(10, offers["population-1"]);
        Assert.Equal(20, offers["population-2"]);
    }

    /// <summary>The one probe the scheduler offered the request to.</summary>
    private (IActorRef Probe, string Id) FirstOffer(Akka.TestKit.TestProbe single, Akka.TestKit.TestProbe twice)
    {
        AwaitCondition(() => single.HasMessages || twice.HasMessages);
        var probe = single.HasMessages ? single : twice;
        probe.ExpectMsg<OfferWork>();
        return (probe.Ref, probe == single ? "population-1" : "population-2");
    }
}

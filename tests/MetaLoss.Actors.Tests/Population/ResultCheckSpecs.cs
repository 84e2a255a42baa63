using Akka.Actor;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>The pure decision behind dropping a result: who sent it, for which episode, with which values.</summary>
public sealed class ResultCheckSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly EpisodeKey Leased = new(0, 1, 0);
    private readonly IActorRef _holder;
    private readonly IActorRef _stranger;
    private readonly Leases _leases = new();
    private readonly PopulationState _state;

    /// <summary>A group of one episode, as a run with batch size 1 plans it.</summary>
    private static PlannedGroup Group(EpisodeKey key) => new(new GroupKey(key.Generation, key.MetaValidation, key.Candidate), [key]);

    public ResultCheckSpecs() : base(SpecConfig.Patient)
    {
        _holder = CreateTestProbe().Ref;
        _stranger = CreateTestProbe().Ref;
        var started = PopulationState.Empty.Apply(new RunStarted(TestRuns.Settings(), TestRuns.InitialPhi()));
        _state = started.Apply(started.StartNextGeneration());
        _leases.Grant(Group(Leased), _holder, DateTime.MaxValue);
    }

    [Theory]
    [InlineData(0.0, EpisodeOutcome.Completed)]
    [InlineData(1.0, EpisodeOutcome.Completed)]
    [InlineData(0.625, EpisodeOutcome.Completed)]
    [InlineData(0.0, EpisodeOutcome.NonFiniteLoss)]
    [InlineData(0.0, EpisodeOutcome.ExplodedClassifier)]
    public void Should_accept_what_a_real_episode_reports_from_the_holder(double fitness, EpisodeOutcome outcome) =>
        Assert.Null(ResultCheck.Refusal(new EpisodeFinished(Leased, fitness, outcome), _holder, _leases, _state));

    [Fact]
    public void Should_refuse_a_result_from_anyone_but_the_holder() =>
        Assert.Contains("leased to", ResultCheck.Refusal(new EpisodeFinished(Leased, 0.5, EpisodeOutcome.Completed), _stranger, _leases, _state));

    [Fact]
    public void Should_refuse_a_result_for_an_episode_that_is_not_leased() =>
        Assert.Contains("not leased", ResultCheck.Refusal(new EpisodeFinished(new(0, 2, 0), 0.5, EpisodeOutcome.Completed), _holder, _leases, _state));

    [Fact]
    public void Should_accept_a_late_result_from_the_holder_of_an_expired_lease_but_not_from_others()
    {
        _leases.Grant(Group(new(0, 2, 0)), _holder, DateTime.UnixEpoch);
        _leases.ReleaseExpired(DateTime.UtcNow);
        _leases.Grant(Group(new(0, 2, 0)), _stranger, DateTime.MaxValue);
        var late = new EpisodeFinished(new(0, 2, 0), 0.5, EpisodeOutcome.Completed);
        var third = CreateTestProbe().Ref;

        Assert.Null(ResultCheck.Refusal(late, _holder, _leases, _state));
        Assert.Null(ResultCheck.Refusal(late, _stranger, _leases, _state));
        Assert.Contains("leased to", ResultCheck.Refusal(late, third, _leases, _state));
        _leases.Release(Group(late.Key).Key);
        Assert.Contains("not leased", ResultCheck.Refusal(late, _holder, _leases, _state));
    }

    [Fact]
    public void Should_refuse_a_result_for_an_episode_the_run_does_not_have()
    {
        var closed = new EpisodeKey(5, 1, 0);
        _leases.Grant(Group(closed), _holder, DateTime.MaxValue);

        Assert.Contains("not open", ResultCheck.Refusal(new EpisodeFinished(closed, 0.5, EpisodeOutcome.Completed), _holder, _leases, _state));
    }

    [Theory]
    [InlineData(double.NaN, EpisodeOutcome.Completed, "fitness")]
    [InlineData(double.NegativeInfinity, EpisodeOutcome.Completed, "fitness")]
    [InlineData(7.0, EpisodeOutcome.Completed, "fitness")]
    [InlineData(-1.0, EpisodeOutcome.Completed, "fitness")]
    [InlineData(0.5, EpisodeOutcome.ExplodedClassifier, "scores 0")]
    [InlineData(0.0, (EpisodeOutcome)42, "outcome 42")]
    public void Should_refuse_values_no_episode_produces(double fitness, EpisodeOutcome outcome, string why) =>
        Assert.Contains(why, ResultCheck.Refusal(new EpisodeFinished(Leased, fitness, outcome), _holder, _leases, _state));
}

using MetaLoss.Actors.Messages;
using MetaLoss.Host.Api;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Runs;

/// <summary>
/// The API refuses a scheduled start without the progress input by <see cref="MlnInits.FollowsSchedule"/>;
/// the run fits to what <see cref="InitialMln.Reference"/> says. The two must agree, or a new tuned
/// start would pass the request's check and fail only when the run begins.
/// </summary>
public sealed class InitialMlnSpecs
{
    [Fact]
    public void Should_fit_to_a_schedule_exactly_the_inits_that_need_the_progress_input()
    {
        foreach (var init in Enum.GetValues<MlnInit>())
        {
            var settings = (RunRequest.Default with { Init = init }).ToSettings();
            var scheduled = InitialMln.Reference(settings)?.Scheduled ?? false;
            Assert.True(scheduled == init.FollowsSchedule(), $"{init}: scheduled reference {scheduled}, FollowsSchedule {init.FollowsSchedule()}");
        }
    }
}

using MetaLoss.Actors.Messages;
using MetaLoss.Host.Api;
using MetaLoss.Host.Runs;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Host.Tests.Runs;

/// <summary>
/// `evolve` and the service fit a new run's initial MLN while its data loads. The start must be the
/// one a fit alone gives, bit for bit, or runs would depend on how long their data took; a start
/// that fails must stop the fit; and the fit is only taken for the settings it was made for.
/// </summary>
public sealed class BackgroundInitialMlnSpecs
{
    [Fact]
    public void Should_fit_the_same_initial_MLN_while_the_run_s_data_loads_and_its_preflight_runs_beside_it()
    {
        var settings = RunRequest.Default.ToSettings();
        var alone = InitialMln.Create(settings, showProgress: false);

        StartRun beside;
        using (var fit = BackgroundInitialMln.Start(settings, CancellationToken.None))
        using (var catalog = new DatasetCatalog(new DataLocations()))
        {
            var fingerprinted = RunData.Fingerprinted(settings, catalog, CancellationToken.None);
            // Episodes and collections of the loads' garbage beside the fit until it is half done, however fast the loads were.
            do
            {
                RunPreflight.Check(catalog, TrialEpisodes.Of(fingerprinted));
                GC.Collect();
            } while (fit.StepsDone < InitialMln.FitSteps / 2);
            beside = fit.Finish(fingerprinted, showProgress: false);
            Assert.NotEmpty(beside.Settings.Data);
        }

        Assert.Equal(alone.InitialPhi, beside.InitialPhi);
        Assert.Equal(alone.Fit, beside.Fit);
    }

    [Fact]
    public void Should_stop_an_unfinished_fit_when_the_start_is_abandoned()
    {
        var fit = BackgroundInitialMln.Start(RunRequest.Default.ToSettings(), CancellationToken.None);
        SpinWait.SpinUntil(() => fit.StepsDone > 0, TimeSpan.FromMinutes(1));

        fit.Dispose();
        var stoppedAt = fit.StepsDone;
        Thread.Sleep(200);

        Assert.InRange(stoppedAt, 1, InitialMln.FitSteps - 1);
        Assert.Equal(stoppedAt, fit.StepsDone);
    }

    [Fact]
    public void Should_end_the_fit_with_a_cancellation_when_the_command_is_stopped()
    {
        using var stop = new CancellationTokenSource();
        using var fit = BackgroundInitialMln.Start(RunRequest.Default.ToSettings(), stop.Token);
        stop.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => fit.Finish(RunRequest.Default.ToSettings(), showProgress: false));
        Assert.True(fit.StepsDone < InitialMln.FitSteps);
    }

    [Fact]
    public void Should_refuse_a_start_for_settings_other_than_the_data_fingerprints_it_was_fitted_for()
    {
        var settings = (RunRequest.Default with { Init = MlnInit.Random }).ToSettings();
        using var fit = BackgroundInitialMln.Start(settings, CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => fit.Finish(settings with { Seed = settings.Seed + 1 }, showProgress: false));
    }
}

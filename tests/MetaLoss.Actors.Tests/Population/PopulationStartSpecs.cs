using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Data;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>Starting a run, resuming it, and refusing what does not fit the journal.</summary>
public sealed class PopulationStartSpecs() : TestKit(SpecConfig.InMemory)
{
    private IActorRef Population() => Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, []));

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    /// <summary>A journal holding a run that has completed one generation.</summary>
    private void JournalWithOneGeneration(RunSettings settings)
    {
        var population = Population();
        population.Tell(TestRuns.Start(settings));
        ExpectMsg<RunAccepted>(accepted => !accepted.Resumed);
        CreateTestProbe().Complete(population, settings.EpisodesPerGeneration);
        AwaitAssert(() =>
        {
            population.Tell(GetRunStatus.Instance);
            Assert.Equal(1, ExpectMsg<RunStatus>().Generation);
        });
        Stop(population);
    }

    [Fact]
    public void Should_resume_a_run_started_with_the_same_settings()
    {
        JournalWithOneGeneration(TestRuns.Settings());

        Population().Tell(TestRuns.Start(TestRuns.Settings()));

        ExpectMsg<RunAccepted>(accepted => accepted.Resumed && accepted.Generation == 1);
    }

    [Fact]
    public void Should_refuse_a_start_meant_for_another_run()
    {
        var population = Sys.ActorOf(PopulationActor.Props(RunId.Parse("aaa111").PersistenceId, TestRuns.Options, []));

        population.Tell(TestRuns.Start(TestRuns.Settings()) with { Run = RunId.Parse("bbb222") });

        Assert.Contains("persists population-aaa111, not run bbb222", ExpectMsg<RunRejected>().Reason);
        population.Tell(GetRunStatus.Instance);
        Assert.False(ExpectMsg<RunStatus>().Started);
    }

    [Fact]
    public void Should_refuse_to_resume_with_other_data_naming_both_fingerprints()
    {
        var journaled = new DatasetFingerprint(DatasetName.FashionMnistMetaTrain, new string('a', 64));
        var other = new DatasetFingerprint(DatasetName.FashionMnistMetaTrain, new string('b', 64));
        JournalWithOneGeneration(TestRuns.Settings() with { Data = [journaled] });

        Population().Tell(TestRuns.Start(TestRuns.Settings() with { Data = [other] }));

        Assert.Contains($"the run's fingerprint is {journaled.Sha256}, this process has {other.Sha256}", ExpectMsg<RunRejected>().Reason);
    }

    [Fact]
    public void Should_refuse_to_resume_with_other_settings_and_name_them()
    {
        JournalWithOneGeneration(TestRuns.Settings());
        var population = Population();

        population.Tell(TestRuns.Start(TestRuns.Settings(seed: 8, episodes: 2)));

        var rejected = ExpectMsg<RunRejected>();
        Assert.Contains("seed: journal has 7, asked for 8", rejected.Reason);
        Assert.Contains("episodes per candidate", rejected.Reason);
        Assert.DoesNotContain("generations", rejected.Reason);
        population.Tell(GetRunStatus.Instance);
        Assert.Equal(1, ExpectMsg<RunStatus>().Generation);
    }

    [Fact]
    public void Should_refuse_a_second_start_with_other_settings_while_running()
    {
        var population = Population();
        population.Tell(TestRuns.Start(TestRuns.Settings()));
        ExpectMsg<RunAccepted>();

        population.Tell(TestRuns.Start(TestRuns.Settings(paired: true)));

        Assert.Contains("episodes: journal has unpaired, asked for paired", ExpectMsg<RunRejected>().Reason);
    }

    [Fact]
    public void Should_refuse_invalid_settings_without_writing_anything()
    {
        var population = Population();

        population.Tell(TestRuns.Start(TestRuns.Settings(generations: 0)));

        Assert.Contains("generations must be positive", ExpectMsg<RunRejected>().Reason);
        population.Tell(GetRunStatus.Instance);
        Assert.False(ExpectMsg<RunStatus>().Started);
    }

    [Fact]
    public void Should_refuse_an_initial_MLN_of_the_wrong_size()
    {
        var population = Population();

        population.Tell(new StartRun(TestRuns.Settings(), new float[3]));

        Assert.Contains($"needs {TestRuns.Architecture.ParameterCount}", ExpectMsg<RunRejected>().Reason);
    }

    [Fact]
    public void Should_refuse_a_non_finite_initial_MLN_and_keep_the_journal_usable()
    {
        var phi = TestRuns.InitialPhi();
        phi[4] = float.NaN;
        var population = Population();

        population.Tell(new StartRun(TestRuns.Settings(), phi));

        Assert.Contains("parameter 4 is NaN", ExpectMsg<RunRejected>().Reason);
        Stop(population);
        Population().Tell(TestRuns.Start(TestRuns.Settings()));
        ExpectMsg<RunAccepted>(accepted => !accepted.Resumed);
    }
}

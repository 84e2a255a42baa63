using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>
/// A run started under older defaults (no progress input, all ten classes) resumes from the same
/// command after the defaults changed: what the command did not state is taken from the journal.
/// </summary>
public sealed class PopulationResumeDefaultsSpecs() : TestKit(SpecConfig.InMemory)
{
    private static readonly RunSettings OldDefaults = TestRuns.Settings();

    private static readonly RunSettings NewDefaults = OldDefaults with
    {
        Architecture = OldDefaults.Architecture with { ProgressInput = true },
        Tasks = new TaskDistribution { Classes = new WholeRange(6, 10) },
    };

    private IActorRef Resumable(RunSettings journaled)
    {
        var population = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, []));
        population.Tell(TestRuns.Start(journaled));
        ExpectMsg<RunAccepted>(accepted => !accepted.Resumed);
        Watch(population);
        Sys.Stop(population);
        ExpectTerminated(population);
        return Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, []));
    }

    [Fact]
    public void Should_resume_a_run_of_the_old_defaults_when_the_command_states_neither()
    {
        var resumed = Resumable(OldDefaults);

        resumed.Tell(new StartRun(NewDefaults, []) { Unstated = UnstatedSettings.ProgressInput | UnstatedSettings.TaskClasses });

        // The run's own settings come back, for the outputs the command writes.
        var accepted = ExpectMsg<RunAccepted>();
        Assert.True(accepted.Resumed);
        Assert.Equal(OldDefaults, accepted.Settings);
    }

    [Fact]
    public void Should_refuse_a_resume_that_states_a_progress_input_the_run_was_not_started_with()
    {
        var resumed = Resumable(OldDefaults);

        resumed.Tell(new StartRun(NewDefaults, []) { Unstated = UnstatedSettings.TaskClasses });

        var reason = ExpectMsg<RunRejected>().Reason;
        Assert.Contains("architecture", reason);
        Assert.DoesNotContain("tasks", reason);
    }

    [Fact]
    public void Should_refuse_a_resume_that_states_task_classes_the_run_was_not_started_with()
    {
        var resumed = Resumable(OldDefaults);

        resumed.Tell(new StartRun(NewDefaults, []) { Unstated = UnstatedSettings.ProgressInput });

        var reason = ExpectMsg<RunRejected>().Reason;
        Assert.Contains("tasks: journal has the template's dataset and regime, asked for template dataset; classes 6..10", reason);
        Assert.DoesNotContain("architecture", reason);
    }

    [Fact]
    public void Should_keep_the_journaled_classes_of_a_run_with_other_task_sources()
    {
        var sources = new[] { new TaskSource(Training.Data.DatasetName.TeacherImages, 1) };
        var journaled = OldDefaults with { Tasks = new TaskDistribution { Sources = sources } };
        var resumed = Resumable(journaled);

        resumed.Tell(new StartRun(journaled with { Tasks = new TaskDistribution { Sources = sources, Classes = new WholeRange(6, 10) } }, [])
        {
            Unstated = UnstatedSettings.TaskClasses,
        });

        ExpectMsg<RunAccepted>(accepted => accepted.Resumed);
    }
}

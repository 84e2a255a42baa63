using MetaLoss.Training.Data;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Host.Tests;

/// <summary>`evolve --tasks`: bad input is refused before anything is written; a run journals its distribution and resumes to the same result.</summary>
public class TaskDistributionProcessSpecs
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    private static readonly string[] Distribution =
        ["--tasks", "fashion-mnist:2,teacher:1,fashion-mnist-inverted:1", "--task-steps", "2..4", "--task-per-class", "2..3", "--task-hidden1", "8..16"];

    [Theory]
    [InlineData("--tasks", "mnist:1", "tasks: unknown source 'mnist'; sources are fashion-mnist-meta-train, teacher, gaussian-mixture,")]
    [InlineData("--tasks", "teacher:0", "tasks: the weight of teacher must be a positive whole number, got '0'")]
    [InlineData("--tasks", "teacher:-1", "tasks: the weight of teacher must be a positive whole number, got '-1'")]
    [InlineData("--tasks", "fashion-mnist-meta-validation", "tasks: fashion-mnist-meta-validation is not a meta-training source")]
    [InlineData("--tasks", "teacher,teacher:2", "tasks: teacher is named more than once")]
    [InlineData("--task-steps", "5..2", "task steps 5..2: need 1 <= min <= max <= 1,000")]
    [InlineData("--task-per-class", "0", "task per-class 0: need 1 <= min <= max")]
    [InlineData("--task-lr", "fast", "task learning rates 'fast': use numbers")]
    [InlineData("--task-classes", "1..4", "task classes 1..4: need 2 <= min <= max <= 10")]
    [InlineData("--task-classes", "3..12", "task classes 3..12: need 2 <= min <= max <= 10")]
    public void Should_refuse_a_bad_distribution_in_one_line_with_exit_2_and_write_nothing(string option, string value, string message)
    {
        var run = Path.Combine(SmallRun.NewDirectory(), "run");

        var (code, output) = MetalossProcess.Run(Quick, "evolve", "--run", run, option, value);

        Assert.True(code == 2, output);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"metaloss: {message}", line);
        Assert.False(Directory.Exists(run), "the run directory was created");
    }

    /// <summary>A source too small for the regime's largest episode is refused by the preflight, before the journal exists.</summary>
    [Fact]
    public void Should_refuse_a_regime_a_source_cannot_give_before_journaling()
    {
        var run = SmallRun.NewDirectory();

        var (code, output) = MetalossProcess.Run(Quick, SmallRun.Evolve(run, "--tasks", "fashion-mnist,teacher", "--task-per-class", "2..1001"));

        Assert.True(code == 2, output);
        Assert.Contains("metaloss: an episode takes 1,001 training images of each of its 10 classes, but class ", output);
        Assert.Contains(" of teacher has only 1,000", output);
        Assert.False(File.Exists(Path.Combine(run, "journal.db")), "a refused run left a journal behind");
    }

    [Fact]
    public async Task Should_journal_the_distribution_and_resume_after_sigkill_to_the_same_result()
    {
        var reference = SmallRun.Finished(Distribution);
        var interrupted = await SmallRun.KilledMidRun(Distribution);
        // The journal names its distribution: a resume stating other sources is refused (the ranges it leaves out are the run's), and changes nothing.
        var without = MetalossProcess.Run(SmallRun.Timeout, SmallRun.Resume(interrupted));
        Assert.True(without.ExitCode == 2, without.Output);
        Assert.Contains("tasks: journal has fashion-mnist-meta-train:2,teacher:1,fashion-mnist-inverted:1; steps 2..4; per-class 2..3; hidden1 8..16; " +
                        "classes 6..10, asked for template dataset; steps 2..4; per-class 2..3; hidden1 8..16; classes 6..10", without.Output);
        var resumed = MetalossProcess.Run(SmallRun.Timeout, SmallRun.Resume(interrupted, Distribution));
        Assert.True(resumed.ExitCode == 0, resumed.Output);

        var expected = await SmallRun.State(reference);
        var actual = await SmallRun.State(interrupted);
        Assert.Equal(expected.Population, actual.Population);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "best-mln.json")), File.ReadAllText(Path.Combine(interrupted, "best-mln.json")));
        Assert.Equal(SmallRun.ResumedEpisodes, await SmallRun.EpisodeEvents(interrupted));
        // Every source's fingerprint is journaled, so a node or a resume with other data is refused.
        var settings = actual.Settings!;
        Assert.Equal(3, settings.Tasks.Sources.Count);
        Assert.Equal(
            [DatasetName.FashionMnistMetaTrain, DatasetName.TeacherImages, DatasetName.FashionMnistInverted, DatasetName.FashionMnistMetaValidation],
            settings.Data.Select(f => f.Dataset));
        Assert.Equal(new WholeRange(2, 4), settings.Tasks.Steps);
    }
}

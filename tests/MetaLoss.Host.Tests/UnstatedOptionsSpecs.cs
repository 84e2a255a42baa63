using System.CommandLine;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Api;
using MetaLoss.Host.Options;

namespace MetaLoss.Host.Tests;

/// <summary>
/// `evolve --run DIR` with any option left out resumes the run with its own value of it: each
/// option of a run marks its own setting as stated, and only what is stated can conflict.
/// </summary>
public class UnstatedOptionsSpecs
{
    /// <summary>Every option of a run with a value other than its default.</summary>
    public static TheoryData<string[]> EachOptionStated() =>
    [
        ["--generations", "7"], ["--population", "4"], ["--strategy", "cma-es"], ["--sigma", "0.07"], ["--episodes-per-candidate", "2"],
        ["--batch-size", "4"], ["--unpaired"], ["--init", "mse"],
        // A stated --progress-input false needs an init it allows, stated too, as for a new run: ce, the journal's.
        ["--progress-input", "false", "--init", "ce"], ["--validation-episodes", "3"],
        ["--validation-top", "1"], ["--seed", "9"], ["--lr", "0.15"], ["--per-class", "5"], ["--validation-size", "300"],
        ["--hidden1", "32"], ["--hidden2", "16"], ["--steps", "4"], ["--tasks", "template"], ["--task-steps", "2..4"],
        ["--task-per-class", "1..3"], ["--task-hidden1", "8..16"], ["--task-hidden2", "8..16"], ["--task-lr", "0.1..0.2"], ["--task-classes", "3..5"],
    ];

    [Fact]
    public void Should_map_every_option_of_a_run_to_a_setting_of_its_own()
    {
        var options = new RunOptions();
        var command = new Command("evolve");
        options.AddTo(command);
        var mapped = options.SettingOf().ToList();

        Assert.Equal(command.Options.Select(o => o.Name).Order(), mapped.Select(m => m.Option.Name).Order());
        Assert.Equal(mapped.Count, mapped.Select(m => m.Setting).Distinct().Count());
        Assert.Equal(UnstatedSettings.All, mapped.Aggregate(UnstatedSettings.None, (all, m) => all | m.Setting));
        Assert.Equal(EachOptionStated().Count, mapped.Count);
    }

    [Theory]
    [MemberData(nameof(EachOptionStated))]
    public void Should_conflict_with_a_default_run_in_the_one_setting_stated(string[] stated)
    {
        var options = new RunOptions();
        var command = new Command("evolve");
        options.AddTo(command);
        var parsed = command.Parse(stated);
        Assert.Empty(parsed.Errors);
        var journaled = (RunRequest.Default with { Init = MlnInit.CrossEntropyFit }).ToSettings();

        var asked = options.Request(parsed).ToSettings().Keeping(journaled, options.Unstated(parsed));

        Assert.Single(journaled.Differences(asked));
        Assert.Equal(journaled, RunRequest.Default.ToSettings().Keeping(journaled, options.Unstated(command.Parse([]))));
        Assert.NotEqual(journaled, RunRequest.Default.ToSettings());
    }
}

using MetaLoss.Host.Api;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Host.Tests;

/// <summary>A small, fast run: real data and the real journal, tiny episodes.</summary>
public static class SmallRun
{
    public const int Generations = 6;
    public const int Parents = 3;
    public const int EpisodesPerCandidate = 2;
    public const int TotalEpisodes = Generations * 2 * Parents * EpisodesPerCandidate;

    /// <summary>
    /// Generations of a run that is killed and resumed (<see cref="KilledMidRun"/>): the kill is sent
    /// when generation 1 is reported and must land before the end. A tiny generation can take 50 ms,
    /// so six left a quarter of a second, which a loaded machine overran; thirty leave more than a second.
    /// </summary>
    public const int ResumedGenerations = 30;
    public const int ResumedEpisodes = ResumedGenerations * 2 * Parents * EpisodesPerCandidate;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    public static string[] Evolve(string runDirectory, params string[] extra) => EvolveWithSeed(runDirectory, 7, extra);

    public static string[] EvolveWithSeed(string runDirectory, int seed, params string[] extra) =>
        EvolveFor(runDirectory, seed, Generations, extra);

    public static string[] EvolveFor(string runDirectory, int seed, int generations, params string[] extra) =>
        Command(runDirectory, seed, generations,
            [.. extra, .. extra.Contains("--tasks") ? [] : TemplateSourceOnly, .. extra.Contains("--init") ? [] : RandomStart]);

    /// <summary>The command that resumes (or makes) a run of <see cref="ResumedGenerations"/>, as <see cref="KilledMidRun"/> starts it.</summary>
    public static string[] Resume(string runDirectory, params string[] extra) => EvolveFor(runDirectory, 7, ResumedGenerations, extra);

    /// <summary>
    /// <see cref="Resume"/> as written, without <see cref="TemplateSourceOnly"/>: for specs of what an
    /// unstated --tasks means.
    /// </summary>
    public static string[] ResumeAsWritten(string runDirectory, params string[] extra) => Command(runDirectory, 7, ResumedGenerations, extra);

    private static string[] Command(string runDirectory, int seed, int generations, string[] extra) =>
    [
        "evolve", "--run", runDirectory, "--generations", $"{generations}", "--population", $"{Parents}",
        "--episodes-per-candidate", $"{EpisodesPerCandidate}", "--seed", $"{seed}", "--devices", "cpu:2",
        "--per-class", "2", "--validation-size", "60", "--hidden1", "16", "--hidden2", "16", "--steps", "3",
        .. extra,
    ];

    /// <summary>
    /// FashionMNIST alone unless a spec names sources: building the default's generated and
    /// transformed sources takes seconds a process, and these specs are about the run, not its tasks.
    /// </summary>
    private static readonly string[] TemplateSourceOnly = ["--tasks", "template"];

    /// <summary>
    /// A random initial MLN unless a spec names a start: the default's fit takes some 16 s a process
    /// (most of a tiny run's time), and these specs are about the run, not its start.
    /// <see cref="EvolvedRun"/> keeps the default's, which its status spec names.
    /// </summary>
    private static readonly string[] RandomStart = ["--init", "random"];

    /// <summary>The default's start, stated: for a spec that needs the fitted initial MLN.</summary>
    public static string[] DefaultStart => ["--init", RunRequest.FormatInit(RunRequest.Default.Init)];

    /// <summary>A finished run of <see cref="ResumedGenerations"/> with these options: the reference a resumed run must equal.</summary>
    public static string Finished(params string[] extra)
    {
        var run = NewDirectory();
        var (code, output) = MetalossProcess.Run(Timeout, Resume(run, extra));
        Assert.True(code == 0, output);
        return run;
    }

    /// <summary>
    /// A run of <see cref="ResumedGenerations"/> with these options killed (SIGKILL) once its first
    /// generation finished, to be resumed with <see cref="Resume"/>. The journal is checked: a kill
    /// that landed after the end would test nothing.
    /// </summary>
    public static async Task<string> KilledMidRun(params string[] extra)
    {
        var run = NewDirectory();
        using (var process = MetalossProcess.Start(Resume(run, extra)))
        {
            Assert.True(process.WaitForLine("generation    1/", Timeout), process.Output);
            process.KillHard();
        }
        Assert.False((await State(run)).Finished, "the kill landed after the run finished");
        return run;
    }

    public static string NewDirectory()
    {
        var path = Path.Combine(ScratchRoot.Path, "run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static JournalSettings Journal(string runDirectory) =>
        new(RunDirectory.Open(runDirectory, create: false).ReadOnlyConnectionString, PostgreSql: false);

    public static Task<PopulationState> State(string runDirectory) => JournalReader.ReadState(Journal(runDirectory));

    public static async Task<int> EpisodeEvents(string runDirectory) =>
        (await JournalReader.ReadEvents(Journal(runDirectory))).OfType<EpisodeCompleted>().Count();

    public static async Task<int> MetaValidationEvents(string runDirectory) =>
        (await JournalReader.ReadEvents(Journal(runDirectory))).OfType<MetaValidationEpisodeCompleted>().Count();
}

using Akka.Actor;
using Akka.Hosting;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaLoss.Host.Tests;

/// <summary>
/// An embedded run whose every evaluator fails halts with exit code 4 and the last error, through
/// the wiring `evolve` uses (no process can produce such a fault once the preflight has passed), and
/// resumes to the end once the evaluators work.
/// </summary>
public sealed class EvaluatorsFailedRunSpecs
{
    private static readonly RunSettings Settings = new(7, 2, new EvolutionSettings { Parents = 2 }, MlnArchitecture.Default,
        new EpisodeSpec(DatasetName.FashionMnistMetaTrain, new LossSpec.CrossEntropy(), 0, 0,
            PerClassTrain: 2, ValidationSize: 60, FirstHidden: 16, SecondHidden: 16, Steps: 3),
        EpisodesPerCandidate: 1, PairedEpisodes: true);

    private static IHost Host(string run, EpisodeBatchRunnerFactory runners, RunHalt halt)
    {
        var baseConfig = AkkaConfiguration.BaseConfig(Akka.Configuration.Config.Empty);
        var evaluation = EvaluationConfig.Read(baseConfig);
        return new HostBuilder()
            .ConfigureServices(services => services.AddAkka(ClusterSettings.SystemName, builder => builder
                .ConfigureBase(baseConfig)
                .ConfigurePersistence(new JournalSettings(RunDirectory.Open(run, create: false).SqliteConnectionString, PostgreSql: false))
                .ConfigurePopulation(evaluation, DeviceSlot.Parse("cpu:2"), runners, SqliteJournalFile.Identify(Path.Combine(run, "journal.db")).Run, halt)))
            .Build();
    }

    private static async Task<(IActorRef Population, TaskCompletionSource<ProgressUpdate> Finished)> Start(IHost host, RunHalt halt)
    {
        await host.StartAsync();
        var population = host.Services.GetRequiredService<ActorRegistry>().Get<PopulationActor>();
        var answer = await population.Ask<IPopulationMessage>(new StartRun(Settings, Settings.Architecture.RandomParameters(3)), TimeSpan.FromMinutes(1));
        Assert.IsType<RunAccepted>(answer);
        var finished = new TaskCompletionSource<ProgressUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<ActorSystem>().ActorOf(Props.Create(() => new ProgressPrinter(population, finished, halt)));
        return (population, finished);
    }

    [Fact]
    public async Task Should_halt_with_exit_4_and_the_last_error_when_every_evaluator_fails_then_resume_once_they_work()
    {
        var run = SmallRun.NewDirectory();
        RunDirectory.Open(run, create: false).PrepareJournal(RunId.New());

        var halt = new RunHalt();
        using (var host = Host(run, _ => _ => throw new IOException("device lost"), halt))
        {
            await Start(host, halt);
            var halted = await halt.Task.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(4, halted.ExitCode);
            Assert.Matches("^every evaluator failed: episodes on cpu:[01] failed: device lost$", halted.Message);
            await host.StopAsync();
        }

        using var catalog = new DatasetCatalog(new DataLocations());
        var working = new RunHalt();
        using (var host = Host(run, slot => new BatchedEpisodeRunner(catalog, slot.TorchDevice).Run, working))
        {
            var (_, finished) = await Start(host, working);
            var status = await finished.Task.WaitAsync(SmallRun.Timeout);
            Assert.Equal(Settings.Generations, status.Generation);
            Assert.False(working.Task.IsCompleted);
            await host.StopAsync();
        }
    }
}

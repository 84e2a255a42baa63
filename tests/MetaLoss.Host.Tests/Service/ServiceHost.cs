using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Service;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;
using MetaLoss.Training.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaLoss.Host.Tests.Service;

/// <summary>
/// The run service as `serve` wires it (<see cref="RunServiceConfiguration.ConfigureRunService"/> on
/// the shared <see cref="MetalossHost"/>), in the test's process, on a real SQLite journal in
/// <see cref="Directory"/> and real FashionMNIST episodes.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);

    private readonly IHost _host;
    private readonly DatasetCatalog _catalog;
    private readonly TorchWorkInFlight _torchWork;

    private ServiceHost(IHost host, DatasetCatalog catalog, TorchWorkInFlight torchWork, string directory)
    {
        _host = host;
        _catalog = catalog;
        _torchWork = torchWork;
        Directory = directory;
    }

    public string Directory { get; }

    public IActorRef Registry => _host.Services.GetRequiredService<ActorRegistry>().Get<RunRegistry>();

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    public static JournalSettings Journal(string directory) =>
        new(RunDirectory.Open(directory, create: false).SqliteConnectionString, PostgreSql: false);

    /// <summary>
    /// A service on the journal in <paramref name="directory"/> (made if new) with these evaluator
    /// slots ("" for none); <paramref name="preparation"/>, if given, wraps how `serve` prepares a run.
    /// </summary>
    public static async Task<ServiceHost> Start(string directory, string slots = "cpu:2", ClusterSettings? cluster = null,
        Func<RunPreparation, RunPreparation>? preparation = null)
    {
        RunDirectory.Open(directory, create: true).PrepareJournal(RunId.New());
        var baseConfig = AkkaConfiguration.BaseConfig(Config.Empty);
        var evaluation = EvaluationConfig.Read(baseConfig);
        var catalog = new DatasetCatalog(new DataLocations());
        var torchWork = new TorchWorkInFlight();
        var setup = RunServiceSetup.Create(catalog, evaluation, slots == "" ? [] : DeviceSlot.Parse(slots), cluster is not null, torchWork, halt: null);
        if (preparation is not null) setup = setup with { Prepare = preparation(setup.Prepare) };
        var host = MetalossHost.Build(new MetalossSystem(baseConfig, evaluation, Journal(directory), cluster, new HostFailures()),
            builder => builder.ConfigureRunService(setup));
        await host.StartAsync();
        return new ServiceHost(host, catalog, torchWork, directory);
    }

    public async Task<T> Ask<T>(object message) => await Registry.Ask<T>(message, AskTimeout);

    /// <summary>Submits a new run and waits until it is registered.</summary>
    public async Task<RunInfo> Submit(string name, RunSettings settings, int priority = 1)
    {
        Assert.IsType<RunPreparing>(await Ask<IServiceMessage>(new SubmitRun(name, settings, priority)));
        return Assert.IsType<RunDetail>(await Prepared(name)).Run;
    }

    /// <summary>Asks for the run until it is no longer being prepared: its <see cref="RunDetail"/>, or the <see cref="SubmitRefused"/> its preparation ended in.</summary>
    public async Task<IServiceMessage> Prepared(string name)
    {
        var deadline = DateTime.UtcNow + AskTimeout;
        while (true)
        {
            var answer = await Ask<IServiceMessage>(new GetRunDetail(name));
            if (answer is not RunPreparing) return answer;
            Assert.True(DateTime.UtcNow < deadline, $"run {name} still being prepared after {AskTimeout}");
            await Task.Delay(100);
        }
    }

    public async Task<RunInfo> Run(string name) => (await Ask<RunList>(ListRuns.Instance)).Runs.Single(r => r.Name == name);

    /// <summary>Polls the registry until <paramref name="done"/> holds for the run.</summary>
    public async Task<RunInfo> WaitFor(string name, Func<RunInfo, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await Run(name);
            if (done(run)) return run;
            Assert.True(DateTime.UtcNow < deadline, $"run {name} still {run} after {timeout}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _torchWork.WaitUntilNoneRun(TimeSpan.FromMinutes(1));
        _host.Dispose();
        _catalog.Dispose();
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Hosting;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Service;
using MetaLoss.Host.Api;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;
using MetaLoss.Training;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaLoss.Host.Bench;

/// <summary>
/// What the actor system costs per episode. A real embedded run, wired as `evolve` wires it
/// (population actor, local evaluators on their slot threads, a SQLite journal), against the very
/// batches it ran, run directly on as many threads, generation by generation (a generation waits
/// for the last result of the one before in both). The same run again with an in-memory journal
/// separates the messaging from the journal writes, and the same run submitted to the run service
/// (`serve`'s registry, scheduler and shared evaluators, SQLite) gives the service's own cost.
/// Every path uses one torch thread per slot.
/// </summary>
public static class ActorOverheadBench
{
    public sealed record Settings(int Generations, int Parents, int EpisodesPerCandidate, int BatchSize, int Slots, int Rounds);

    private sealed record Round(double DirectSeconds, ActorRun Sqlite, ActorRun Memory, ActorRun Service, bool Identical, double Flops);

    /// <summary>
    /// From the StartRun to the first batch (the run's first write, the evaluators starting), once
    /// per run; and from the first batch to the finished status, which is what the direct run repeats.
    /// </summary>
    private sealed record ActorRun(double StartSeconds, double RunSeconds);

    /// <summary>
    /// How the run is hosted: as `evolve` does (SQLite), the same with the journal in memory (only the
    /// messaging left), or under the run service as `serve` does (SQLite).
    /// </summary>
    private enum Journal
    {
        Sqlite,
        Memory,
        Service,
    }

    private static readonly Akka.Configuration.Config InMemoryJournal = Akka.Configuration.ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    /// <summary>A run to measure: what its header calls it, and the run of so many generations.</summary>
    private sealed record Regime(string Name, Func<int, RunSettings> Run);

    public static void Run(DatasetCatalog catalog, Settings settings, MatmulCeiling ceiling)
    {
        TorchThreads.Configure(1);
        foreach (var regime in Regimes(settings)) Run(catalog, settings, ceiling, regime);
    }

    /// <summary>
    /// `evolve`'s default run, whose groups hold one episode index and share their task; and the
    /// template's regime, the fixed 10-class episode shape a plain PyTorch script runs, on the
    /// default's sources (which vary, so it too is planned episode-major). Both start from a random MLN (the
    /// warm-start fit is not what is measured here) and have no meta-validation, so every generation
    /// holds the same episodes.
    /// </summary>
    private static IEnumerable<Regime> Regimes(Settings settings)
    {
        RunRequest Request(int generations) => RunRequest.Default with
        {
            Seed = 2026, Generations = generations, Population = settings.Parents, EpisodesPerCandidate = settings.EpisodesPerCandidate,
            BatchSize = settings.BatchSize, Init = MlnInit.Random,
        };
        RunSettings Settings(RunRequest request) => request.ToSettings() with { MetaValidation = MetaValidation.None };
        yield return new Regime("evolve's default run (6 to 10 classes an episode, progress input)", g => Settings(Request(g)));
        yield return new Regime("the template's regime (all 10 classes, no progress input: the PyTorch script's episode)",
            g => Settings(Request(g) with { TaskClasses = RunRequest.AllClasses, ProgressInput = false }));
    }

    private static void Run(DatasetCatalog catalog, Settings settings, MatmulCeiling ceiling, Regime regime)
    {
        var run = regime.Run(settings.Generations);
        Console.WriteLine();
        Console.WriteLine($"actor overhead, {regime.Name}: {settings.Generations} generations x {run.EpisodesPerGeneration} episodes " +
                          $"({2 * settings.Parents} candidates x {settings.EpisodesPerCandidate} paired episodes, random initial MLN), batch size " +
                          $"{settings.BatchSize}, {settings.Slots} slots x 1 torch thread; fastest of {settings.Rounds} rounds; load average before: {LoadAverage.Now()}");

        // Every source the run draws from is loaded first, as `evolve` does before its run starts: the catalog
        // loads a dataset when first asked, and a source first drawn in a timed round made its batches take seconds.
        foreach (var dataset in RunData.Used(run)) catalog.Get(dataset);
        // Starts Akka, SQLite and every path once before anything is timed.
        Measure(catalog, settings, regime.Run(1));
        var rounds = Enumerable.Range(0, settings.Rounds).Select(_ => Measure(catalog, settings, run)).ToList();

        var episodes = (double)settings.Generations * run.EpisodesPerGeneration;
        var direct = rounds.Min(r => r.DirectSeconds);
        Console.WriteLine($"  direct (BatchedEpisodeRunner, {settings.Slots} threads):        {Line(direct, episodes)}");
        Console.WriteLine($"  actors, SQLite journal (as evolve):          {Line(rounds.Min(r => r.Sqlite.RunSeconds), episodes)}");
        Console.WriteLine($"  actors, in-memory journal (messaging only):  {Line(rounds.Min(r => r.Memory.RunSeconds), episodes)}");
        Console.WriteLine($"  run service, SQLite journal (as serve):      {Line(rounds.Min(r => r.Service.RunSeconds), episodes)}");
        Overhead("SQLite journal", rounds.Min(r => r.Sqlite.RunSeconds), direct, episodes, rounds.Select(r => (r.Sqlite.RunSeconds, r.DirectSeconds)));
        Overhead("in-memory journal", rounds.Min(r => r.Memory.RunSeconds), direct, episodes, rounds.Select(r => (r.Memory.RunSeconds, r.DirectSeconds)));
        Overhead("run service (serve)", rounds.Min(r => r.Service.RunSeconds), direct, episodes, rounds.Select(r => (r.Service.RunSeconds, r.DirectSeconds)));
        var serviceOverEvolve = (rounds.Min(r => r.Service.RunSeconds) - rounds.Min(r => r.Sqlite.RunSeconds)) / episodes * 1000;
        Console.WriteLine($"  serve against evolve: {serviceOverEvolve:F2} ms per episode");
        Console.WriteLine($"  once per run, from StartRun to the first batch (run persisted, evaluators started): " +
                          $"{rounds.Min(r => r.Sqlite.StartSeconds) * 1000:F0} ms with SQLite, {rounds.Min(r => r.Memory.StartSeconds) * 1000:F0} ms in memory");
        if (ceiling.Best.TryGetValue(settings.Slots, out var gflops))
        {
            var floor = rounds[0].Flops / (gflops * 1e9);
            Console.WriteLine($"  floor (these batches' matrix products, {rounds[0].Flops / episodes / 1e9:F3} GFLOP an episode, at the " +
                              $"{MatmulCeiling.Threads(settings.Slots)} ceiling): {episodes / floor:F2} episodes/s; actors with SQLite " +
                              $"at {floor / rounds.Min(r => r.Sqlite.RunSeconds):P0} of it, direct at {floor / direct:P0}");
        }
        Console.WriteLine($"  results of the direct run identical to the actor run's, bit for bit: {(rounds.All(r => r.Identical) ? "yes" : "NO")}");
        Console.WriteLine($"load average after: {LoadAverage.Now()}");
    }

    private static string Line(double seconds, double episodes) =>
        $"{seconds,7:F2} s  {episodes / seconds,6:F2} episodes/s  {seconds / episodes * 1000,6:F2} ms/episode";

    /// <summary>Fastest against fastest, and each round's pair (run back to back, so under the same load).</summary>
    private static void Overhead(string journal, double actor, double direct, double episodes, IEnumerable<(double Actor, double Direct)> rounds)
    {
        var perEpisode = (actor - direct) / episodes * 1000;
        Console.WriteLine($"  overhead, {journal}: {perEpisode:F2} ms per episode, {(actor - direct) / direct:P1} of episode time " +
                          $"(per round: {string.Join(", ", rounds.Select(r => ((r.Actor - r.Direct) / r.Direct).ToString("P1")))})");
    }

    /// <summary>Why the run's groups would not fit the default lease cap, or null.</summary>
    public static string? BatchSizeRefusal(Settings settings) =>
        EvaluationConfig.Read(AkkaConfiguration.BaseConfig(Akka.Configuration.Config.Empty)).Population.BatchSizeRefusal(settings.BatchSize, "--batch-size");

    private static Round Measure(DatasetCatalog catalog, Settings settings, RunSettings run)
    {
        var log = new BatchLog();
        var sqlite = ThroughActors(catalog, settings, run, log, Journal.Sqlite);
        var direct = Directly(catalog, settings.Slots, log.ByGeneration(run.Generations), out var identical);
        var memory = ThroughActors(catalog, settings, run, new BatchLog(), Journal.Memory);
        var service = ThroughActors(catalog, settings, run, new BatchLog(), Journal.Service);
        return new Round(direct, sqlite, memory, service, identical, log.Batches.Sum(b => Flops(catalog, b.Specs)));
    }

    private static ActorRun ThroughActors(DatasetCatalog catalog, Settings settings, RunSettings run, BatchLog log, Journal journal)
    {
        var directory = RunDirectory.Open(Path.Combine(Path.GetTempPath(), $"metaloss-bench-{Guid.NewGuid():N}"), create: true);
        try
        {
            var runId = directory.PrepareJournal(RunId.New()).Run;
            var baseConfig = AkkaConfiguration.BaseConfig(Akka.Configuration.Config.Empty);
            // Each evaluator asks for one group at a time.
            var evaluation = EvaluationConfig.Read(baseConfig) with { RequestEpisodes = settings.BatchSize };
            var slots = DeviceSlot.Parse($"cpu:{settings.Slots}");
            EpisodeBatchRunnerFactory runners = slot => log.Wrap(new BatchedEpisodeRunner(catalog, slot.TorchDevice).Run);
            var actorSystem = new MetalossSystem(baseConfig, evaluation, new JournalSettings(directory.SqliteConnectionString, PostgreSql: false), null,
                new HostFailures());
            var phi = run.Architecture.RandomParameters(run.Seed);
            using var host = MetalossHost.Build(actorSystem, builder =>
            {
                if (journal == Journal.Memory) builder.AddHocon(InMemoryJournal, HoconAddMode.Prepend);
                if (journal == Journal.Service)
                    builder.ConfigureRunService(new RunServiceSetup(evaluation, slots, runners, (settings, _) => new StartRun(settings, phi), _ => null, Clustered: false));
                else
                    builder.ConfigurePopulation(evaluation, slots, runners, runId);
            });
            host.Start();
            try
            {
                if (journal == Journal.Service) return ThroughService(host, run, log);
                var system = host.Services.GetRequiredService<ActorSystem>();
                var population = host.Services.GetRequiredService<ActorRegistry>().Get<PopulationActor>();
                var finished = new TaskCompletionSource<ProgressUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
                system.ActorOf(RunCompletion.Props(population, finished));
                var start = Stopwatch.GetTimestamp();
                var answer = population.Ask<IPopulationMessage>(new StartRun(run, phi), TimeSpan.FromMinutes(1)).Result;
                if (answer is not RunAccepted) throw new InvalidOperationException($"the bench run was not accepted: {answer}");
                finished.Task.Wait();
                var end = Stopwatch.GetTimestamp();
                var firstBatch = log.Batches[0].Started;
                return new ActorRun(Stopwatch.GetElapsedTime(start, firstBatch).TotalSeconds, Stopwatch.GetElapsedTime(firstBatch, end).TotalSeconds);
            }
            finally
            {
                host.StopAsync().Wait();
            }
        }
        finally
        {
            Directory.Delete(directory.Path, recursive: true);
        }
    }

    /// <summary>The run submitted to the run service, from the submission to its finished state.</summary>
    private static ActorRun ThroughService(IHost host, RunSettings run, BatchLog log)
    {
        var registry = host.Services.GetRequiredService<ActorRegistry>().Get<RunRegistry>();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<ActorSystem>().ActorOf(ServiceCompletion.Props(registry, "bench", finished));
        var start = Stopwatch.GetTimestamp();
        var answer = registry.Ask<IServiceMessage>(new SubmitRun("bench", run, SubmitRun.DefaultPriority), TimeSpan.FromMinutes(1)).Result;
        while (answer is RunPreparing)
        {
            Thread.Sleep(50);
            answer = registry.Ask<IServiceMessage>(new GetRunDetail("bench"), TimeSpan.FromMinutes(1)).Result;
        }
        if (answer is not RunDetail) throw new InvalidOperationException($"the bench run was not accepted: {answer}");
        finished.Task.Wait();
        var end = Stopwatch.GetTimestamp();
        var firstBatch = log.Batches[0].Started;
        return new ActorRun(Stopwatch.GetElapsedTime(start, firstBatch).TotalSeconds, Stopwatch.GetElapsedTime(firstBatch, end).TotalSeconds);
    }

    /// <summary>Every generation's batches, pulled by the slot threads from one queue; the next generation starts when all are done.</summary>
    private static double Directly(DatasetCatalog catalog, int slotCount, IReadOnlyList<IReadOnlyList<LoggedBatch>> generations, out bool identical)
    {
        var threads = Enumerable.Range(0, slotCount).Select(i => new SlotThread($"direct-{i}")).ToList();
        var runner = new BatchedEpisodeRunner(catalog);
        var results = new Dictionary<LoggedBatch, EpisodeResult[]>();
        try
        {
            var stopwatch = Stopwatch.StartNew();
            foreach (var generation in generations)
            {
                var queue = new Queue<LoggedBatch>(generation);
                var ran = threads.Select(thread => thread.Run(() =>
                {
                    var mine = new List<(LoggedBatch, EpisodeResult[])>();
                    while (true)
                    {
                        LoggedBatch? batch;
                        lock (queue)
                        {
                            if (!queue.TryDequeue(out batch)) return mine;
                        }
                        mine.Add((batch, runner.Run(batch.Specs)));
                    }
                })).ToArray();
                Task.WaitAll(ran);
                foreach (var (batch, result) in ran.SelectMany(t => t.Result)) results[batch] = result;
            }
            var seconds = stopwatch.Elapsed.TotalSeconds;
            identical = results.All(pair => Identical(pair.Key.Results!, pair.Value));
            return seconds;
        }
        finally
        {
            foreach (var thread in threads) thread.Dispose();
        }
    }

    private static double Flops(DatasetCatalog catalog, IReadOnlyList<EpisodeSpec> batch)
    {
        var data = catalog.Get(batch[0].Dataset);
        return EpisodeFlops.OfBatch(batch, data.FeatureCount, data.ClassCount);
    }

    private static bool Identical(EpisodeResult[] logged, EpisodeResult[] direct) =>
        logged.Length == direct.Length && logged.Select((result, i) => Identical(result, direct[i])).All(same => same);

    private static bool Identical(EpisodeResult a, EpisodeResult b) =>
        BitConverter.DoubleToInt64Bits(a.Fitness) == BitConverter.DoubleToInt64Bits(b.Fitness) && a.Outcome == b.Outcome &&
        MemoryMarshal.AsBytes(a.TrainLoss.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.TrainLoss.AsSpan()));
}

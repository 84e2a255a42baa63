using Akka.Serialization;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Serialization;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using Xunit.Abstractions;

namespace MetaLoss.Actors.Tests.Serialization;

/// <summary>
/// Every message that may cross the network stays well inside Akka.Remote's frame (128,000 bytes by
/// default; a larger message is dropped, and the remote node starves) whatever the batch size and the
/// run's length. Worst cases: the CLI's MLN, episodes with every optional field, an evaluator asking
/// for 512 episodes, and 5,000 generations of history.
/// </summary>
public sealed class MessageSizeSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(SerializationConfig.Hocon)
{
    private const int Budget = 64 * 1024;
    private const int FrameSize = 128_000;
    private const int LongRun = 5_000;
    private const int AskedEpisodes = 512;

    private static readonly EpisodeSpec FullTemplate = new(DatasetName.FashionMnistMetaValidation, new LossSpec.CrossEntropy(),
        ulong.MaxValue, ulong.MaxValue, Classes: [.. Enumerable.Range(0, 10)], RecordValidationCurve: true,
        Schedule: new LearningRateSchedule(LearningRateDecay.Constant, 0.5));

    private static readonly RunSettings LongSettings = new(ulong.MaxValue, LongRun, new EvolutionSettings { Tau = 0.1, TauPrime = 0.1 },
        MlnArchitecture.Default, FullTemplate with { Dataset = DatasetName.FashionMnistMetaTrain }, 3, true, MlnInit.MeanSquaredErrorFit)
    {
        MetaValidation = MetaValidation.Default,
    };

    private Serializer Serializer => Sys.Serialization.FindSerializerForType(typeof(RunStatus));

    private int Size(object message) => Serializer.ToBinary(message).Length;

    /// <summary>The open first generation of a run with the CLI's MLN, carrying 5,000 generations of history and a validated best.</summary>
    private static PopulationState LongRunState()
    {
        var state = PopulationState.Empty.Apply(new RunStarted(LongSettings, MlnArchitecture.Default.RandomParameters(3)));
        state = state.Apply(state.StartNextGeneration());
        return state with
        {
            History = [.. Enumerable.Range(0, LongRun).Select(g => new GenerationSummary(g, 0.1 + g * 1e-5, 0.05, 3, 0.2))],
            Validated = [new ValidatedMln(7, 3, state.Candidates![3], 0.61)],
        };
    }

    /// <summary>A lease of groups of one episode each: the most bytes per episode.</summary>
    private static WorkLease Lease(PopulationState state, int episodes) =>
        new([.. Enumerable.Range(0, episodes).Select(i =>
        {
            var key = new EpisodeKey(long.MaxValue, int.MaxValue, i, MetaValidation: true);
            return new EpisodeGroup([new EpisodeAssignment(key, state.SpecFor(new EpisodeKey(0, 0, 0)) with { Dataset = DatasetName.FashionMnistMetaValidation })]);
        })]);

    /// <summary>The largest instance of each message type that may cross the network.</summary>
    private static Dictionary<string, object> WorstCases()
    {
        var state = LongRunState();
        var nodes = Enumerable.Range(0, 256).Select(i => new NodeEvaluators($"255.255.{i / 256}.{i % 256}:65535", 64, 200, long.MaxValue)).ToList();
        var other = LongSettings with
        {
            Seed = 1, Generations = 2, Evolution = new EvolutionSettings { Parents = 99 }, Architecture = new MlnArchitecture(99, 99, 99),
            EpisodesPerCandidate = 9, PairedEpisodes = false, Init = MlnInit.Random, MetaValidation = MetaValidation.None,
            Template = new EpisodeSpec(DatasetName.Cifar10Train, new LossSpec.CrossEntropy(), 0, 0, 1, 1, 1, 1, 1, 1e-9),
        };
        return new()
        {
            ["StartRun"] = new StartRun(LongSettings, MlnArchitecture.Default.RandomParameters(3), new InitialFit(1, 1)),
            ["RunAccepted"] = new RunAccepted(true, long.MaxValue, LongSettings),
            ["RunRejected"] = new RunRejected("this run directory holds a run with other settings: " + string.Join("; ", LongSettings.Differences(other))),
            ["GetRunStatus"] = GetRunStatus.Instance,
            ["RunStatus"] = state.ToStatus().WithLatestHistory(RunStatus.RemoteHistoryLimit),
            ["SubscribeProgress"] = SubscribeProgress.Instance,
            ["ProgressUpdate"] = state.ToProgress(),
            ["RequestWork"] = new RequestWork(AskedEpisodes),
            ["WorkLease"] = Lease(state, PopulationOptions.Default.LeaseSize(AskedEpisodes)),
            ["NoWorkAvailable"] = new NoWorkAvailable(true),
            ["EpisodeFinished"] = new EpisodeFinished(new EpisodeKey(long.MaxValue, int.MaxValue, int.MaxValue, true), 1, EpisodeOutcome.ExplodedClassifier),
            // A group is at most one lease.
            ["GroupFinished"] = new GroupFinished([.. Enumerable.Repeat(
                new EpisodeFinished(new EpisodeKey(long.MaxValue, int.MaxValue, int.MaxValue, true), 1, EpisodeOutcome.ExplodedClassifier),
                PopulationOptions.MaxLeaseEpisodesLimit)]),
            ["ReleaseLeases"] = ReleaseLeases.Instance,
            ["GetEvaluators"] = GetEvaluators.Instance,
            ["EvaluatorsByNode"] = new EvaluatorsByNode(nodes),
            ["GetClusterStatus"] = GetClusterStatus.Instance,
            ["EvaluatorsFailed"] = new EvaluatorsFailed(int.MaxValue, new string('\u20ac', 100_000)),
            ["JournalFault"] = new JournalFault(new string('\u20ac', 100_000)),
            ["ClusterStatus"] = new ClusterStatus([.. nodes.Select(n => new ClusterMember(n.Node, "WeaklyUp", ["evaluator", "population"]))], nodes),
        };
    }

    public static TheoryData<string> Names => new(WorstCases().Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Should_keep_the_worst_case_of_every_remote_message_under_64_KB(string name)
    {
        var size = Size(WorstCases()[name]);

        output.WriteLine($"{name}: {size:N0} bytes");
        Assert.True(size < Budget, $"{name} takes {size:N0} bytes, over the {Budget:N0}-byte budget");
    }

    [Fact]
    public void Should_have_a_worst_case_for_every_message_type()
    {
        var messages = typeof(IPopulationMessage).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IPopulationMessage).IsAssignableFrom(t));

        Assert.Empty(messages.Except(WorstCases().Values.Select(m => m.GetType())).Select(t => t.Name));
    }

    [Fact]
    public void Should_fit_the_largest_allowed_lease_in_a_frame_with_room_for_the_envelope()
    {
        var state = LongRunState();
        var perEpisode = (Size(Lease(state, 100)) - Size(Lease(state, 0))) / 100.0;
        var largest = Size(Lease(state, PopulationOptions.MaxLeaseEpisodesLimit));

        output.WriteLine($"{perEpisode:F0} bytes per leased episode; a lease of {PopulationOptions.DefaultMaxLeaseEpisodes} takes " +
                         $"{Size(Lease(state, PopulationOptions.DefaultMaxLeaseEpisodes)):N0} bytes, of {PopulationOptions.MaxLeaseEpisodesLimit} {largest:N0}");
        // Recipient and sender paths, manifest and framing take a few hundred bytes of the frame.
        Assert.True(largest < FrameSize - 8 * 1024, $"a lease of {PopulationOptions.MaxLeaseEpisodesLimit} episodes takes {largest:N0} bytes");
    }

    [Fact]
    public void Should_need_the_caps_because_the_uncapped_messages_would_not_fit()
    {
        var state = LongRunState();

        // What the caps guard against: the whole history, or a lease of everything asked for.
        Assert.True(Size(state.ToStatus()) > FrameSize);
        Assert.True(Size(Lease(state, AskedEpisodes)) > FrameSize);
    }
}

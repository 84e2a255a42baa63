using Akka.Actor;
using Akka.Configuration;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Serialization;

namespace MetaLoss.Actors.Tests.Serialization;

/// <summary>With serialize-messages on, every local send goes through the serializer, as a remote one would.</summary>
public sealed class SerializeMessagesSpecs() : Akka.TestKit.Xunit2.TestKit(Config)
{
    private static readonly Config Config =
        ConfigurationFactory.ParseString("akka.actor.serialize-messages = on").WithFallback(SerializationConfig.Hocon);

    public static TheoryData<string> Names => Samples.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void A_sent_message_arrives_as_an_equal_copy(string name)
    {
        var sample = Samples.All[name];

        TestActor.Tell(sample);
        var received = ExpectMsg<object>();

        // Field-less singletons read back as the same instance; everything else must be a fresh copy.
        if (sample is not (GetRunStatus or SubscribeProgress or ReleaseLeases or GetEvaluators or GetClusterStatus or ListRuns or SubscribeService)) Assert.NotSame(sample, received);
        DeepEquality.AssertEqual(sample, received);
    }
}

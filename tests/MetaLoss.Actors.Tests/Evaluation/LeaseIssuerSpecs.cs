using Akka.Actor;
using MetaLoss.Actors.Evaluation;

namespace MetaLoss.Actors.Tests.Evaluation;

/// <summary>Which senders a clustered evaluator takes leases from: the population singleton, wherever it runs.</summary>
public sealed class LeaseIssuerSpecs
{
    private static readonly LeaseIssuer.ClusterSingleton Singleton = new("population", "population");
    private static readonly Address PopulationNode = Address.Parse("akka.tcp://MetaLoss@127.0.0.1:4053");

    [Theory]
    // The population under its backoff supervisor under the manager, on a population node or on this one.
    [InlineData("akka.tcp://MetaLoss@127.0.0.1:4053/user/population/singleton/population")]
    [InlineData("akka://MetaLoss/user/population/singleton/population")]
    public void Should_take_leases_from_the_singleton(string path) =>
        Assert.True(Singleton.Allows(ActorPath.Parse(path), [PopulationNode]));

    [Theory]
    // A node that is not a population member, the manager itself, the proxy, a fellow evaluator, an ask.
    [InlineData("akka.tcp://MetaLoss@127.0.0.1:4999/user/population/singleton/population")]
    [InlineData("akka.tcp://MetaLoss@127.0.0.1:4053/user/population")]
    [InlineData("akka.tcp://MetaLoss@127.0.0.1:4053/user/population-proxy/singleton/population")]
    [InlineData("akka.tcp://MetaLoss@127.0.0.1:4053/user/evaluators/evaluator-0")]
    [InlineData("akka.tcp://MetaLoss@127.0.0.1:4053/temp/population/singleton/population")]
    [InlineData("akka://MetaLoss/system/population/singleton/population")]
    public void Should_refuse_leases_from_anyone_else(string path) =>
        Assert.False(Singleton.Allows(ActorPath.Parse(path), [PopulationNode]));
}

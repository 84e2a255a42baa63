using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Tests.Population;

public sealed class RunIdSpecs
{
    [Fact]
    public void Should_give_each_new_run_its_own_persistence_id()
    {
        var first = RunId.New();
        var second = RunId.New();

        Assert.NotEqual(first.PersistenceId, second.PersistenceId);
        Assert.Equal($"population-{first}", first.PersistenceId);
        Assert.Equal(first, RunId.FromPersistenceId(first.PersistenceId));
    }

    [Fact]
    public void Should_keep_legacy_runs_under_the_old_persistence_id()
    {
        Assert.Equal("population", RunId.Legacy.PersistenceId);
        Assert.Equal(RunId.Legacy, RunId.FromPersistenceId("population"));
        Assert.Equal(RunId.Legacy, RunId.Parse("legacy"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Abc")]
    [InlineData("a b")]
    [InlineData("../x")]
    public void Should_refuse_a_malformed_run_id(string text) =>
        Assert.Contains("run id", Assert.Throws<ArgumentException>(() => RunId.Parse(text)).Message);

    [Theory]
    [InlineData("evaluator")]
    [InlineData("population-")]
    [InlineData("population-legacy")]
    public void Should_not_take_other_persistence_ids_for_runs(string persistenceId) =>
        Assert.Null(RunId.FromPersistenceId(persistenceId));
}

using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Serialization;
using MetaLoss.Training.Tasks;
using static MetaLoss.Actors.Tests.Serialization.VersionFourFixtures;

namespace MetaLoss.Actors.Tests.Serialization;

/// <summary>A run's task distribution in the journal: version-5 settings carry it, older ones read as the default.</summary>
public sealed class TaskDistributionFormatSpecs() : Akka.TestKit.Xunit2.TestKit(SerializationConfig.Hocon)
{
    [Fact]
    public void A_run_journaled_before_task_distributions_still_loads_and_trains_on_its_template()
    {
        var started = Assert.IsType<RunStarted>(Serializer.FromBinary(Convert.FromHexString(RunStartedV4), "RS4"));
        var snapshot = Assert.IsType<PopulationState>(Serializer.FromBinary(Convert.FromHexString(PopulationStateV4), "PS4"));
        var registered = Assert.IsType<RunRegistered>(Serializer.FromBinary(Convert.FromHexString(RunRegisteredV1), "RGR1"));

        Assert.Equal(TaskDistribution.Default, started.Settings.Tasks);
        DeepEquality.AssertEqual(Samples.All["RunStarted"], started);
        DeepEquality.AssertEqual(Samples.All["PopulationState (mid-generation)"], snapshot);
        DeepEquality.AssertEqual(Samples.All["RunRegistered"], registered);
        // Planned candidate-major as before, so its journal resumes bit-identical.
        Assert.Equal(new EpisodeKey(1, 0, 0), snapshot.PlannedGroups()[0].Episodes[0]);
        Assert.Equal(new EpisodeKey(1, 0, 1), snapshot.PlannedGroups()[0].Episodes[1]);
    }

    [Fact]
    public void A_task_distribution_survives_the_journal_the_snapshot_and_the_registry()
    {
        var started = (RunStarted)Samples.All["RunStarted (task distribution)"];

        Assert.Equal(Samples.Tasks, ((RunStarted)Serializer.FromBinary(Serializer.ToBinary(started), "RS5")).Settings.Tasks);
        var state = (PopulationState)Samples.All["PopulationState (task distribution)"];
        var restored = (PopulationState)Serializer.FromBinary(Serializer.ToBinary(state), "PS5");
        Assert.Equal(Samples.Tasks, restored.Settings!.Tasks);
        DeepEquality.AssertEqual(state.PlannedGroups().Select(state.Assign).ToList(), restored.PlannedGroups().Select(restored.Assign).ToList());
        var registered = (RunRegistered)Samples.All["RunRegistered (task distribution)"];
        Assert.Equal(Samples.Tasks, ((RunRegistered)Serializer.FromBinary(Serializer.ToBinary(registered), "RGR2")).Settings.Tasks);
    }

    /// <summary>The reader checks what it reads as a new run is checked: a journal cannot make a run train on test images.</summary>
    [Fact]
    public void A_journal_whose_distribution_names_a_test_split_is_corrupt()
    {
        var started = (RunStarted)Samples.All["RunStarted (task distribution)"];
        var bytes = Convert.ToHexString(Serializer.ToBinary(started));
        var teacher = Convert.ToHexString([13, .. "TeacherImages"u8]);
        var test = Convert.ToHexString([16, .. "FashionMnistTest"u8]);
        Assert.Contains(teacher, bytes);

        var error = Assert.Throws<CorruptPayloadException>(() => Serializer.FromBinary(Convert.FromHexString(bytes.Replace(teacher, test)), "RS5"));

        Assert.Contains("fashion-mnist-test is not a meta-training source", error.Message);
    }

    [Fact]
    public void A_resume_with_another_distribution_is_refused_naming_it()
    {
        var journaled = Samples.Settings with { Tasks = Samples.Tasks };

        var differences = journaled.Differences(Samples.Settings);

        var difference = Assert.Single(differences);
        Assert.Equal($"tasks: journal has {Samples.Tasks}, asked for the template's dataset and regime", difference);
        Assert.Empty(journaled.Differences(journaled with { Tasks = Samples.Tasks with { } }));
    }

    private MetaLossSerializer Serializer =>
        Assert.IsType<MetaLossSerializer>(Sys.Serialization.FindSerializerForType(typeof(EpisodeCompleted)));
}

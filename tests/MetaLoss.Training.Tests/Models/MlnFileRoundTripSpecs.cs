using MetaLoss.Training.Models;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

public class MlnFileRoundTripSpecs
{
    [Fact]
    public void Should_give_bit_identical_losses_after_saving_and_loading_with_a_usage_note()
    {
        var original = MlnFile.For(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(17), "a note") with { Usage = "how to use it" };
        var path = Path.Combine(Path.GetTempPath(), $"mln-{Guid.NewGuid():N}.json");
        original.Save(path);

        var loaded = MlnFile.Load(path);
        File.Delete(path);

        Assert.Equal("how to use it", loaded.Usage);
        Assert.Equal(original.Parameters, loaded.Parameters);
        using var before = original.CreateLoss();
        using var after = loaded.CreateLoss();
        Assert.Equal(LossValues(before), LossValues(after));
    }

    [Fact]
    public void Should_load_a_file_written_without_a_usage_note()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mln-{Guid.NewGuid():N}.json");
        MlnFile.For(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(3)).Save(path);
        Assert.DoesNotContain("usage", File.ReadAllText(path));
        Assert.Null(MlnFile.Load(path).Usage);
        File.Delete(path);
    }

    [Fact]
    public void Should_carry_the_progress_input_and_leave_it_out_when_off()
    {
        var architecture = MlnArchitecture.Default with { ProgressInput = true };
        var on = Path.Combine(Path.GetTempPath(), $"mln-{Guid.NewGuid():N}.json");
        var off = Path.Combine(Path.GetTempPath(), $"mln-{Guid.NewGuid():N}.json");
        MlnFile.For(architecture, architecture.RandomParameters(3)).Save(on);
        MlnFile.For(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(3)).Save(off);

        Assert.Contains("\"progress_input\": true", File.ReadAllText(on));
        Assert.Equal(architecture, MlnFile.Load(on).Architecture);
        // A file without the field (every file written before it existed) reads as off.
        Assert.DoesNotContain("progress", File.ReadAllText(off));
        Assert.False(MlnFile.Load(off).Architecture.ProgressInput);
        File.Delete(on);
        File.Delete(off);
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    public void Should_refuse_a_progress_input_that_is_not_true_or_false(string value)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mln-{Guid.NewGuid():N}.json");
        MlnFile.For(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(3)).Save(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"architecture\": {", $"\"architecture\": {{ \"progress_input\": {value},"));

        var error = Assert.Throws<InvalidDataException>(() => MlnFile.Load(path));
        File.Delete(path);

        Assert.Contains("not an MLN file", error.Message);
    }

    [Fact]
    public void Should_refuse_a_progress_input_file_without_the_progress_weights()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mln-{Guid.NewGuid():N}.json");
        MlnFile.For(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(3)).Save(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"architecture\": {", "\"architecture\": { \"progress_input\": true,"));

        var error = Assert.Throws<InvalidDataException>(() => MlnFile.Load(path));
        File.Delete(path);

        Assert.Contains($"the architecture needs {(MlnArchitecture.Default with { ProgressInput = true }).ParameterCount}", error.Message);
    }

    /// <summary>The loss of 8 random batches of logits with 3 to 10 classes: raw float bits, so equality is bit-exact.</summary>
    private static int[] LossValues(ILoss loss)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(seed: 5);
        return Enumerable.Range(0, 8).Select(i =>
        {
            var classes = 3 + i;
            var logits = randn([16, classes], generator: generator);
            var labels = randint(classes, [16], generator: generator);
            var oneHot = nn.functional.one_hot(labels, classes).to_type(ScalarType.Float32);
            return BitConverter.SingleToInt32Bits(loss.Compute(logits, oneHot).item<float>());
        }).ToArray();
    }
}

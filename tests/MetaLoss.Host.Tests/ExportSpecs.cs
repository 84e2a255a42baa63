using MetaLoss.Training.Models;
using static TorchSharp.torch;

namespace MetaLoss.Host.Tests;

[Collection(EvolvedRunCollection.Name)]
public class ExportSpecs(EvolvedRun run)
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    [Fact]
    public void Should_export_a_self_describing_loss_that_computes_bit_identical_values()
    {
        var exported = Path.Combine(SmallRun.NewDirectory(), "learned-loss.json");

        var (code, output) = MetalossProcess.Run(Quick, "export", "--run", run.Directory, "--out", exported);

        Assert.True(code == 0, output);
        var file = MlnFile.Load(exported);
        Assert.Contains("MlnFile.Load(path).CreateLoss()", file.Usage);
        Assert.Contains("MetaLoss.from_file(path)", file.Usage);
        Assert.Contains("integration.conv2.bias [1]", file.Usage);
        Assert.Contains("exported from run", file.Note);
        using var original = MlnFile.Load(run.BestMlnFile).CreateLoss();
        using var loaded = file.CreateLoss();
        Assert.Equal(LossBits(original), LossBits(loaded));
    }

    [Fact]
    public void Should_refuse_an_output_folder_that_does_not_exist()
    {
        var (code, output) = MetalossProcess.Run(Quick, "export", "--run", run.Directory, "--out", "/no-such-folder/loss.json");
        Assert.Equal(2, code);
        Assert.Contains("does not exist", output);
    }

    [Fact]
    public void Should_refuse_an_output_path_that_is_a_directory()
    {
        var target = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(Quick, "export", "--run", run.Directory, "--out", target);
        Assert.Equal(2, code);
        Assert.Equal($"metaloss: --out {target}: is a directory; give the path of the file to write", output.Trim());
    }

    /// <summary>The loss on random logits with 2 to 10 classes, as raw float bits: equality is bit-exact.</summary>
    private static int[] LossBits(ILoss loss)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(seed: 11);
        return Enumerable.Range(2, 9).Select(classes =>
        {
            var logits = randn([32, classes], generator: generator);
            var oneHot = nn.functional.one_hot(randint(classes, [32], generator: generator), classes).to_type(ScalarType.Float32);
            return BitConverter.SingleToInt32Bits(loss.Compute(logits, oneHot).item<float>());
        }).ToArray();
    }
}

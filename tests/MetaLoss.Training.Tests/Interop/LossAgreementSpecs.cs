using System.Runtime.InteropServices;
using System.Text.Json;
using MetaLoss.Training.Models;
using MetaLoss.Training.Randomness;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>
/// Label smoothing, Poly-1 and focal loss against PyTorch (loss_agreement.py): the same float32 logits
/// and labels through the C# losses and through PyTorch's own cross-entropy (with its label_smoothing)
/// and the papers' formulas in float64 with autograd, for several parameters and numbers of classes.
/// </summary>
public class LossAgreementSpecs(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;
    private const int Batch = 48;

    /// <summary>Logit scales per row, from near-uniform predictions to confident ones.</summary>
    private static readonly double[] LogitScales = [0.1, 1, 4, 12];

    private static readonly (string Name, double Parameter, Func<double, LossSpec> Spec)[] Losses =
    [
        ("label-smoothing", 0.05, e => new LossSpec.LabelSmoothing(e)),
        ("label-smoothing", 0.3, e => new LossSpec.LabelSmoothing(e)),
        ("poly1", -1, e => new LossSpec.PolyOne(e)),
        ("poly1", 2, e => new LossSpec.PolyOne(e)),
        ("focal", 0.5, g => new LossSpec.Focal(g)),
        ("focal", 3, g => new LossSpec.Focal(g)),
    ];

    [Fact]
    public void Should_compute_the_same_loss_and_logit_gradient_as_pytorch()
    {
        using var scratch = new ScratchDirectory("loss-agreement");
        var cases = new List<Case>();
        foreach (var (name, parameter, spec) in Losses)
        foreach (var classes in new[] { 2, 10 })
            cases.Add(Case.Write(scratch, $"{name}-{parameter}-k{classes}", name, parameter, spec(parameter), classes, seed: (ulong)(cases.Count + 1)));
        var casesFile = scratch.File("cases.json");
        File.WriteAllText(casesFile, JsonSerializer.Serialize(cases.Select(c => c.Manifest)));

        var python = JsonSerializer.Deserialize<Dictionary<string, double>>(PyTorch.RunScript("loss_agreement.py", casesFile))!;

        var failures = new List<string>();
        foreach (var c in cases)
        {
            var (loss, gradient) = c.ThroughCSharp();
            var reference = MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(scratch.File($"{c.Name}/gradient.f64"))).ToArray();
            var lossDifference = Math.Abs(python[c.Name] - loss) / Math.Abs(python[c.Name]);
            var scale = reference.Max(Math.Abs);
            var gradientDifference = reference.Zip(gradient, (p, ours) => Math.Abs(p - ours)).Max() / scale;
            output.WriteLine($"{c.Name}: loss {loss:G9} C#, {python[c.Name]:G9} PyTorch, relative difference {lossDifference:E2}; gradient {gradientDifference:E2}");
            if (!(lossDifference <= Tolerance && gradientDifference <= Tolerance))
                failures.Add($"{c.Name}: loss differs by {lossDifference:E2}, gradient by {gradientDifference:E2}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private sealed record Case(string Name, LossSpec Spec, float[] Logits, long[] Labels, int Classes, object Manifest)
    {
        public static Case Write(ScratchDirectory scratch, string name, string loss, double parameter, LossSpec spec, int classes, ulong seed)
        {
            Directory.CreateDirectory(scratch.File(name));
            var random = new DeterministicRandom(seed);
            var logits = new float[Batch * classes];
            for (var row = 0; row < Batch; row++)
            {
                var scale = LogitScales[row % LogitScales.Length];
                for (var k = 0; k < classes; k++) logits[row * classes + k] = (float)(scale * random.NextGaussian());
            }
            var labels = Enumerable.Range(0, Batch).Select(_ => (long)random.NextInt(classes)).ToArray();
            var logitsFile = scratch.File($"{name}/logits.f32");
            var labelsFile = scratch.File($"{name}/labels.i64");
            RawTensors.Write(logitsFile, logits);
            RawTensors.Write(labelsFile, labels);
            var manifest = new Dictionary<string, object>
            {
                ["name"] = name, ["loss"] = loss, ["parameter"] = parameter, ["batch"] = Batch, ["classes"] = classes,
                ["logits"] = logitsFile, ["labels"] = labelsFile,
            };
            return new Case(name, spec, logits, labels, classes, manifest);
        }

        public (double Loss, float[] Gradient) ThroughCSharp()
        {
            using var scope = NewDisposeScope();
            using var loss = Spec.Create();
            var logits = tensor(Logits, [Batch, Classes]);
            var oneHot = nn.functional.one_hot(tensor(Labels), Classes).to_type(ScalarType.Float32);
            var (value, gradient) = LogitGradients.WithValues(loss, logits, oneHot);
            return (value.item<float>(), gradient.data<float>().ToArray());
        }
    }
}

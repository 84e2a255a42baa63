using System.Text.Json;
using MetaLoss.Training.Models;
using MetaLoss.Training.Randomness;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>
/// python/metaloss_mln.py against the C# MetaLossNetwork: the same logits and labels through both,
/// for several exported MLNs and numbers of classes, with class-index and one-hot targets.
/// </summary>
public class MlnAgreementSpecs(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;
    private const int Batch = 64;
    private static readonly int[] ClassCounts = [2, 10, 30];

    /// <summary>Logit scales per row, from near-uniform predictions to saturated ones where log(softmax) would be -inf.</summary>
    private static readonly double[] LogitScales = [0.1, 1, 4, 40];

    [Fact]
    public void Should_compute_the_same_loss_and_logit_gradient_as_the_csharp_network()
    {
        using var scratch = new ScratchDirectory("mln-agreement");
        var cases = new List<Case>();
        foreach (var mln in InteropMlns.All)
        {
            var file = InteropMlns.Save(scratch.Path, mln);
            foreach (var classes in ClassCounts)
                cases.Add(Case.Write(scratch, mln.Name, file, classes, seed: (ulong)(cases.Count + 1)));
        }
        var casesFile = scratch.File("cases.json");
        File.WriteAllText(casesFile, JsonSerializer.Serialize(cases.Select(c => c.Manifest)));

        var python = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(
            PyTorch.RunScript("mln_agreement.py", casesFile))!;

        var failures = new List<string>();
        var (worstLoss, worstGradient) = (0.0, 0.0);
        foreach (var c in cases)
        {
            using var mln = new MetaLossNetwork(c.Architecture, c.Phi);
            var (loss, gradient) = c.ThroughCSharp(mln);
            foreach (var form in new[] { "indices", "one_hot" })
            {
                var lossDifference = Math.Abs(python[c.Name][form] - loss) / Math.Abs(loss);
                var gradientDifference = MaxRelativeDifference(RawTensors.ReadFloats(scratch.File($"{c.Name}/gradient-{form}.f32")), gradient);
                (worstLoss, worstGradient) = (Math.Max(worstLoss, lossDifference), Math.Max(worstGradient, gradientDifference));
                output.WriteLine($"{c.Name} ({form} targets): loss {loss:G9} C#, relative difference {lossDifference:E2}; gradient {gradientDifference:E2}");
                if (!(lossDifference <= Tolerance && gradientDifference <= Tolerance))
                    failures.Add($"{c.Name} ({form}): loss differs by {lossDifference:E2}, gradient by {gradientDifference:E2}");
            }
        }
        output.WriteLine($"worst: loss {worstLoss:E2}, gradient {worstGradient:E2} (relative)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The largest element difference relative to the C# gradient's largest element.</summary>
    private static double MaxRelativeDifference(float[] python, float[] csharp)
    {
        Assert.Equal(csharp.Length, python.Length);
        var scale = csharp.Max(Math.Abs);
        return python.Zip(csharp, (p, c) => Math.Abs((double)p - c)).Max() / scale;
    }

    private sealed record Case(string Name, MlnArchitecture Architecture, float[] Phi, float[] Logits, long[] Labels, int Classes, object Manifest)
    {
        public static Case Write(ScratchDirectory scratch, string mlnName, string mlnFile, int classes, ulong seed)
        {
            var mln = MlnFile.Load(mlnFile);
            var name = $"{mlnName}-k{classes}";
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
                ["name"] = name, ["mln"] = mlnFile, ["batch"] = Batch, ["classes"] = classes, ["logits"] = logitsFile, ["labels"] = labelsFile,
            };
            return new Case(name, mln.Architecture, mln.Parameters, logits, labels, classes, manifest);
        }

        public (double Loss, float[] Gradient) ThroughCSharp(MetaLossNetwork mln)
        {
            using var scope = NewDisposeScope();
            var logits = tensor(Logits, [Batch, Classes]);
            var oneHot = nn.functional.one_hot(tensor(Labels), Classes).to_type(ScalarType.Float32);
            var loss = mln.Compute(logits, oneHot).item<float>();
            var gradient = LogitGradients.Of(mln, logits, oneHot).data<float>().ToArray();
            return (loss, gradient);
        }
    }
}

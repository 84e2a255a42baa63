using System.Text.Json;
using MetaLoss.Training.Models;
using MetaLoss.Training.Randomness;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>
/// python/metaloss_mln.py against the C# MetaLossNetwork: the same logits and labels through both,
/// for several exported MLNs and numbers of classes, with class-index and one-hot targets, and for
/// an MLN with a progress input at two training progresses.
/// </summary>
public class MlnAgreementSpecs(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;
    private const int Batch = 64;
    private static readonly int[] ClassCounts = [2, 10, 30];

    /// <summary>Logit scales per row, from near-uniform predictions to saturated ones where log(softmax) would be -inf.</summary>
    private static readonly double[] LogitScales = [0.1, 1, 4, 40];

    /// <summary>Training progresses t at which an MLN with a progress input is compared.</summary>
    private static readonly double[] Progresses = [0.25, 0.9];

    /// <summary>How far t must move a progress case's loss from t = 0, so that agreement cannot come from ignoring t.</summary>
    private const double ProgressEffect = 1e-3;

    [Fact]
    public void Should_compute_the_same_loss_and_logit_gradient_as_the_csharp_network()
    {
        using var scratch = new ScratchDirectory("mln-agreement");
        var cases = new List<Case>();
        foreach (var mln in InteropMlns.All)
        {
            var file = InteropMlns.Save(scratch.Path, mln);
            double?[] progresses = mln.Architecture.ProgressInput ? [.. Progresses.Cast<double?>()] : [null];
            foreach (var classes in ClassCounts)
            foreach (var progress in progresses)
                cases.Add(Case.Write(scratch, mln.Name, file, classes, progress, seed: (ulong)(cases.Count + 1)));
        }
        var casesFile = scratch.File("cases.json");
        File.WriteAllText(casesFile, JsonSerializer.Serialize(cases.Select(c => c.Manifest)));

        var python = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(
            PyTorch.RunScript("mln_agreement.py", casesFile))!;

        Assert.Contains(cases, c => c.Progress is not null);
        var failures = new List<string>();
        var (worstLoss, worstGradient) = (0.0, 0.0);
        foreach (var c in cases)
        {
            using var mln = new MetaLossNetwork(c.Architecture, c.Phi);
            var (loss, gradient) = c.ThroughCSharp(mln, c.Progress ?? 0);
            if (c.Progress is not null)
            {
                var effect = Math.Abs(loss - c.ThroughCSharp(mln, 0).Loss) / Math.Abs(loss);
                output.WriteLine($"{c.Name}: t moves the loss by {effect:E2} (relative) from t = 0");
                if (!(effect > ProgressEffect)) failures.Add($"{c.Name}: t moves the loss by only {effect:E2}, too little to test");
            }
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

    private sealed record Case(string Name, MlnArchitecture Architecture, float[] Phi, float[] Logits, long[] Labels, int Classes, double? Progress, object Manifest)
    {
        /// <param name="progress">The training progress to compare at, or null to call the Python loss without one.</param>
        public static Case Write(ScratchDirectory scratch, string mlnName, string mlnFile, int classes, double? progress, ulong seed)
        {
            var mln = MlnFile.Load(mlnFile);
            var name = progress is null ? $"{mlnName}-k{classes}" : $"{mlnName}-k{classes}-t{progress:0.##}";
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
            var manifest = new Dictionary<string, object?>
            {
                ["name"] = name, ["mln"] = mlnFile, ["batch"] = Batch, ["classes"] = classes, ["logits"] = logitsFile, ["labels"] = labelsFile,
                ["progress"] = progress,
            };
            return new Case(name, mln.Architecture, mln.Parameters, logits, labels, classes, progress, manifest);
        }

        public (double Loss, float[] Gradient) ThroughCSharp(MetaLossNetwork mln, double progress)
        {
            using var scope = NewDisposeScope();
            var logits = tensor(Logits, [Batch, Classes]);
            var oneHot = nn.functional.one_hot(tensor(Labels), Classes).to_type(ScalarType.Float32);
            var loss = mln.Compute(logits, oneHot, progress).item<float>();
            var gradient = LogitGradients.Of(mln, logits, oneHot, progress: progress).data<float>().ToArray();
            return (loss, gradient);
        }
    }
}

using System.Text.Json;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using Xunit.Abstractions;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>
/// A C# episode replayed in PyTorch with the exported loss: the same sampled rows, the same initial
/// classifier weights and the same 20 SGD steps must end at the same validation accuracy.
/// </summary>
public class PyTorchEpisodeSpecs(ITestOutputHelper output)
{
    private const double AccuracyTolerance = 0.005;
    private const double FirstLossTolerance = 1e-5;
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void Should_reach_the_csharp_episodes_validation_accuracy_when_training_in_pytorch()
    {
        using var scratch = new ScratchDirectory("pytorch-episode");
        var episodes = new[] { InteropMlns.WarmStarted, InteropMlns.Evolved }
            .Select((mln, i) => Episode.Write(scratch, mln, seed: (ulong)(11 + i)))
            .ToList();

        var python = JsonSerializer.Deserialize<Dictionary<string, PythonEpisode>>(
            PyTorch.RunScript("pytorch_episode.py", [.. episodes.Select(e => e.Directory)]), SnakeCase)!;

        var failures = new List<string>();
        foreach (var episode in episodes)
        {
            var csharp = episode.Result;
            var pytorch = python[episode.Directory];
            Assert.Equal(EpisodeOutcome.Completed, csharp.Outcome);
            var accuracyDifference = Math.Abs(pytorch.ValidationAccuracy - csharp.Fitness);
            var firstLossDifference = Math.Abs(pytorch.TrainLoss[0] - csharp.TrainLoss[0]) / Math.Abs(csharp.TrainLoss[0]);
            var lastLossDifference = Math.Abs(pytorch.TrainLoss[^1] - csharp.TrainLoss[^1]) / Math.Abs(csharp.TrainLoss[^1]);
            output.WriteLine($"{episode.Name}: validation accuracy C# {csharp.Fitness:F4}, PyTorch {pytorch.ValidationAccuracy:F4} " +
                             $"(difference {accuracyDifference:F4}); training loss relative difference at step 1 {firstLossDifference:E2}, at step {csharp.TrainLoss.Length} {lastLossDifference:E2}");
            if (accuracyDifference > AccuracyTolerance || !(firstLossDifference <= FirstLossTolerance))
                failures.Add($"{episode.Name}: accuracy differs by {accuracyDifference:F4}, first training loss by {firstLossDifference:E2}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>What pytorch_episode.py prints per episode directory.</summary>
    private sealed record PythonEpisode(double[] TrainLoss, double ValidationAccuracy);

    private sealed record Episode(string Name, string Directory, EpisodeResult Result)
    {
        /// <summary>Runs the C# episode and writes out exactly the rows and initial weights it used.</summary>
        public static Episode Write(ScratchDirectory scratch, (string Name, MlnArchitecture Architecture, float[] Phi) mln, ulong seed)
        {
            var spec = new EpisodeSpec(DatasetName.FashionMnistTest, new LossSpec.MetaLoss(mln.Architecture, mln.Phi), TaskSeed: seed, InitSeed: seed + 1000);
            var result = new EpisodeRunner(TestData.Catalog).Run(spec);

            var directory = scratch.File(mln.Name);
            System.IO.Directory.CreateDirectory(directory);
            InteropMlns.Save(directory, mln);
            File.Move(Path.Combine(directory, $"{mln.Name}.json"), Path.Combine(directory, "mln.json"));

            var data = TestData.Catalog.Get(spec.Dataset);
            var sample = EpisodeSampler.Sample(data, spec.PerClassTrain, spec.ValidationSize, spec.TaskSeed, spec.Classes);
            WriteFeatures(Path.Combine(directory, "train-features.f32"), data, sample.TrainIndices);
            WriteFeatures(Path.Combine(directory, "validation-features.f32"), data, sample.ValidationIndices);
            RawTensors.Write(Path.Combine(directory, "train-labels.i64"), sample.TrainLabels);
            RawTensors.Write(Path.Combine(directory, "validation-labels.i64"), sample.ValidationLabels);

            var shape = new ClassifierShape(data.FeatureCount, spec.FirstHidden, spec.SecondHidden, sample.ClassCount);
            var initial = ClassifierInitializer.Draw(shape, spec.InitSeed);
            for (var i = 0; i < initial.Count; i++)
            {
                RawTensors.Write(Path.Combine(directory, $"layer{i}-weight.f32"), initial[i].Weight);
                RawTensors.Write(Path.Combine(directory, $"layer{i}-bias.f32"), initial[i].Bias);
            }
            var manifest = new Dictionary<string, object>
            {
                ["features"] = data.FeatureCount,
                ["layers"] = shape.Layers.Select(l => new[] { l.In, l.Out }).ToArray(),
                ["learning_rate"] = spec.LearningRate,
                ["steps"] = spec.Steps,
            };
            File.WriteAllText(Path.Combine(directory, "episode.json"), JsonSerializer.Serialize(manifest));
            return new Episode(mln.Name, directory, result);
        }

        private static void WriteFeatures(string path, ImageDataset data, long[] rows)
        {
            using var features = data.Features(rows);
            RawTensors.Write(path, features.data<float>().ToArray());
        }
    }
}

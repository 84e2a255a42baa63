using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>The README's PyTorch snippet, run as written, with a learned loss of the default kind (progress input) beside it.</summary>
public class ReadmeSnippetSpecs(ITestOutputHelper log)
{
    [Fact]
    public void Should_train_the_readmes_pytorch_example_with_an_exported_loss()
    {
        using var scratch = new ScratchDirectory("readme-python");
        File.Move(InteropMlns.Save(scratch.Path, InteropMlns.WarmStartedWithProgress), scratch.File("learned-loss.json"));
        File.WriteAllText(scratch.File("train.py"), ReadmeSection.CodeBlock(ReadmeSection.UsingALearnedLoss, "python"));

        var output = PyTorch.Run(scratch.File("train.py"), [], workingDirectory: scratch.Path);
        log.WriteLine(output);

        Assert.Matches(@"step 10: loss -?\d+\.\d{3}\nstep 20: loss -?\d+\.\d{3}\n", output);
        Assert.InRange(TrainingAccuracy(output), 0.8, 1.0);
    }

    /// <summary>The accuracy the README's snippets print last (both print the same line).</summary>
    public static double TrainingAccuracy(string output)
    {
        var match = Regex.Match(output, @"training accuracy: (\d\.\d\d)");
        Assert.True(match.Success, $"no training accuracy in the output:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}

using System.Globalization;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// The usage note an exported MLN carries: how to call it from MetaLoss.Training and from PyTorch, what it computes
/// (enough to reimplement it elsewhere, with the order the parameters are packed in), and the
/// regime it was evolved for, since its scale is tuned to that learning rate.
/// </summary>
public static class MlnUsage
{
    public static string For(MlnArchitecture architecture, EpisodeSpec evolvedWith)
    {
        var layout = string.Join(", ", architecture.Tensors.Select(t => $"{t.Name} [{string.Join("x", t.Shape)}]"));
        var lr = evolvedWith.LearningRate.ToString("G4", CultureInfo.InvariantCulture);
        return "A learned classification loss (Meta-Loss Network). " +
               "C# with MetaLoss.Training and TorchSharp: using var loss = MlnFile.Load(path).CreateLoss(); " +
               "var value = loss.Compute(logits, oneHotTargets); value.backward(); " +
               "logits and one-hot targets are float32 [batch, classes], any number of classes; the value is a scalar to minimise. " +
               "PyTorch, with python/metaloss_mln.py from the MetaLoss repository: criterion = MetaLoss.from_file(path); " +
               "loss = criterion(logits, targets), targets as class indices or one-hot, in place of F.cross_entropy. " +
               "What it computes, per (sample, class) element: p = softmax(logits), a = E_prediction([p, log p]), b = E_target(y), " +
               "loss = E_integration([a, b]), each E(x) = tanh(x W1 + b1) W2 + b2; the elements are summed over classes and averaged over the batch. " +
               $"Parameters are packed in this order, row-major: {layout}. " +
               $"Evolved for {evolvedWith.Steps} full-batch SGD steps at learning rate {lr} on {DatasetNames.Format(evolvedWith.Dataset)} " +
               $"({evolvedWith.PerClassTrain} examples per class); its gradient scale is tuned to that rate." +
               (architecture.ProgressInput ? ProgressNote : "");
    }

    private const string ProgressNote =
        " It also sees the training progress t = step / steps in [0, 1): call loss.Compute(logits, oneHotTargets, t) at each step; " +
        "E_prediction's hidden layer is tanh(x W1 + b1 + t Wt), Wt being prediction.progress.weight. " +
        "python/metaloss_mln.py does not read such a file (it refuses it by its parameter count).";
}

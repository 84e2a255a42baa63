using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Bench;

/// <summary>
/// Floating-point operations of every matrix product of one episode (a [m, k] x [k, n] product is
/// 2mkn); softmax and elementwise ops are not products and are left out. The floor is the time
/// these products alone would take at a measured torch.mm rate: no episode can be faster.
/// </summary>
public sealed record EpisodeFlops(double Classifier, double Loss)
{
    public double Total => Classifier + Loss;

    /// <summary>Episodes per second if the episode were nothing but its products at <paramref name="gflops"/>.</summary>
    public double FloorRate(double gflops) => gflops * 1e9 / Total;

    public static EpisodeFlops Of(EpisodeSpec spec, int features, int classes) =>
        new(ClassifierFlops(spec, features, classes, members: 1), LossFlops(spec, classes));

    /// <summary>
    /// Per member of a paired group of <paramref name="members"/>: one task and one initialisation,
    /// each member its own loss, as `evolve` plans its training episodes; what the members share is
    /// counted once for the group.
    /// </summary>
    public static EpisodeFlops OfPairedGroup(EpisodeSpec spec, int features, int classes, int members) =>
        new(ClassifierFlops(spec, features, classes, members), LossFlops(spec, classes));

    /// <summary>
    /// Products of a whole batch as the runner computes it: a paired group when its members differ
    /// in their loss alone (one task, one classifier start), otherwise every member alone.
    /// </summary>
    public static double OfBatch(IReadOnlyList<EpisodeSpec> specs, int features, int datasetClasses)
    {
        var first = specs[0];
        var classes = first.Classes?.Count ?? datasetClasses;
        var paired = specs.All(s => s with { Loss = first.Loss, Classes = first.Classes } == first &&
                                    (s.Classes ?? []).SequenceEqual(first.Classes ?? []));
        return paired
            ? specs.Count * OfPairedGroup(first, features, classes, specs.Count).Total
            : specs.Sum(s => Of(s, features, s.Classes?.Count ?? datasetClasses).Total);
    }

    /// <summary>
    /// With layers (in_l, out_l), S = sum_l in_l * out_l, S' = the same sum without the first layer,
    /// B training rows and N validation rows, plainly:
    ///   steps * (2 B S forward + 2 B S weight gradients + 2 B S' input gradients) + 2 N S per validation,
    /// the first layer needing no input gradient (the pixels are not trained); validation runs once,
    /// or after every step when the spec records the validation curve. With the first layer in row
    /// form (<see cref="RowSpaceFirstLayer"/>, F features, H its width), its forward pass and weight
    /// gradient are replaced by 2 B² F + 2 B F H once, 2 B² H a step, and 2 B F H + 2 B² H before each
    /// validation (forming its weights). A paired group of P shares its Gram matrix and X W0; where
    /// that pays, its output on the validation rows V takes V W0 and V X^T once (2 N F H + 2 N B F,
    /// however many validations) and 2 N B H a member, and W is never formed: its norm takes one
    /// 2 B² H product.
    /// </summary>
    private static double ClassifierFlops(EpisodeSpec spec, int features, int classes, int members)
    {
        var shape = new ClassifierShape(features, spec.FirstHidden, spec.SecondHidden, classes);
        double all = shape.Layers.Sum(l => (double)l.In * l.Out);
        double first = (double)features * spec.FirstHidden;
        var withoutFirst = all - first;
        double trainRows = spec.PerClassTrain * classes;
        var validations = spec.RecordValidationCurve ? spec.Steps : 1;
        var validation = validations * 2.0 * spec.ValidationSize * all;
        if (!RowSpaceFirstLayer.Pays(spec.PerClassTrain * classes, features))
            return spec.Steps * (2 * trainRows * all + 2 * trainRows * all + 2 * trainRows * withoutFirst) + validation;
        var square = trainRows * trainRows;
        var training = (2 * square * features + 2 * trainRows * first) / members
                       + spec.Steps * (2 * square * spec.FirstHidden + 3 * 2 * trainRows * withoutFirst);
        var forming = 2 * trainRows * first + 2 * square * spec.FirstHidden;
        if (members == 1 || !RowSpaceFirstLayer.SharedOutputPays(members, (long)trainRows, features, spec.FirstHidden))
            return training + validations * forming + validation;
        double n = spec.ValidationSize;
        var sharedOnce = (2 * n * first + 2 * n * trainRows * features) / members;
        var perValidation = 2 * n * trainRows * spec.FirstHidden + 2 * n * withoutFirst;
        return training + sharedOnce + validations * perValidation + 2 * square * spec.FirstHidden;
    }

    /// <summary>
    /// The MLN's element functions are products over E = B x K elements: forward, prediction
    /// [E,2]x[2,Hp] and [E,Hp]x[Hp,1], target [E,1]x[1,Ht] and [E,Ht]x[Ht,1], integration [E,2]x[2,C]
    /// and [E,C]x[C,1], that is 2E(3Hp + 2Ht + 3C); backward, input gradients only (phi is fixed in
    /// an episode, the targets need none) through integration and prediction, 2E(3C + 3Hp).
    /// Cross-entropy and MSE have no products.
    /// </summary>
    private static double LossFlops(EpisodeSpec spec, int classes)
    {
        if (spec.Loss is not LossSpec.MetaLoss { Architecture: var mln }) return 0;
        double elements = (double)spec.PerClassTrain * classes * classes;
        var (hp, ht, c) = ((double)mln.PredictionHidden, (double)mln.TargetHidden, (double)mln.IntegrationChannels);
        return spec.Steps * (2 * elements * (3 * hp + 2 * ht + 3 * c) + 2 * elements * (3 * c + 3 * hp));
    }
}

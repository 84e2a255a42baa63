using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writers and readers of the training-core values that messages and events carry.</summary>
internal static class TrainingTypesFormat
{
    // Tags of the LossSpec kinds; fixed forever, since they are persisted inside events.
    private const byte CrossEntropyTag = 0;
    private const byte MeanSquaredErrorTag = 1;
    private const byte MetaLossTag = 2;
    private const byte LabelSmoothingTag = 3;
    private const byte PolyOneTag = 4;
    private const byte FocalTag = 5;

    /// <summary>An MLN whose architecture has the progress input; one without keeps <see cref="MetaLossTag"/> and its bytes.</summary>
    private const byte ProgressMetaLossTag = 6;

    public static void WriteEvolutionSettings(this BinaryWriter writer, EvolutionSettings settings)
    {
        writer.Write(settings.Parents);
        writer.Write(settings.InitialSigma);
        writer.Write(settings.SigmaFloor);
        writer.Write(settings.SigmaCeiling);
        writer.WriteOptional(settings.Tau);
        writer.WriteOptional(settings.TauPrime);
    }

    public static EvolutionSettings ReadEvolutionSettings(this BinaryReader reader) => new()
    {
        Parents = reader.ReadInt32(),
        InitialSigma = reader.ReadSingle(),
        SigmaFloor = reader.ReadSingle(),
        SigmaCeiling = reader.ReadSingle(),
        Tau = reader.ReadOptionalDouble(),
        TauPrime = reader.ReadOptionalDouble(),
    };

    public static void WriteGenome(this BinaryWriter writer, Genome genome)
    {
        writer.WriteFloats(genome.Phi);
        writer.WriteFloats(genome.Sigma);
    }

    public static Genome ReadGenome(this BinaryReader reader) => new(reader.ReadFloats(), reader.ReadFloats());

    public static void WriteGenomes(this BinaryWriter writer, IReadOnlyList<Genome> genomes) =>
        writer.WriteList(genomes, WriteGenome);

    public static Genome[] ReadGenomes(this BinaryReader reader) => reader.ReadList(ReadGenome);

    public static void WritePopulation(this BinaryWriter writer, Training.Evolution.Population population)
    {
        writer.Write(population.Generation);
        writer.WriteGenomes(population.Parents);
    }

    public static Training.Evolution.Population ReadPopulation(this BinaryReader reader) => new(reader.ReadInt64(), reader.ReadGenomes());

    public static void WriteArchitecture(this BinaryWriter writer, MlnArchitecture architecture)
    {
        writer.Write(architecture.PredictionHidden);
        writer.Write(architecture.TargetHidden);
        writer.Write(architecture.IntegrationChannels);
    }

    /// <summary>The layer sizes alone: the progress input, where a format carries it, is written apart (see <see cref="WithProgressInput"/>).</summary>
    public static MlnArchitecture ReadArchitecture(this BinaryReader reader) =>
        new(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());

    /// <summary><paramref name="architecture"/> with the progress-input flag that follows in the stream.</summary>
    public static MlnArchitecture WithProgressInput(this BinaryReader reader, MlnArchitecture architecture) =>
        architecture with { ProgressInput = reader.ReadBoolean() };

    public static void WriteLossSpec(this BinaryWriter writer, LossSpec loss)
    {
        switch (loss)
        {
            case LossSpec.CrossEntropy:
                writer.Write(CrossEntropyTag);
                break;
            case LossSpec.MeanSquaredError:
                writer.Write(MeanSquaredErrorTag);
                break;
            case LossSpec.MetaLoss mln:
                writer.Write(mln.Architecture.ProgressInput ? ProgressMetaLossTag : MetaLossTag);
                writer.WriteArchitecture(mln.Architecture);
                writer.WriteFloats(mln.Phi);
                break;
            case LossSpec.LabelSmoothing smoothing:
                writer.Write(LabelSmoothingTag);
                writer.Write(smoothing.Epsilon);
                break;
            case LossSpec.PolyOne poly:
                writer.Write(PolyOneTag);
                writer.Write(poly.Epsilon);
                break;
            case LossSpec.Focal focal:
                writer.Write(FocalTag);
                writer.Write(focal.Gamma);
                break;
            default:
                throw new ArgumentException($"No wire format for loss {loss.GetType().Name}", nameof(loss));
        }
    }

    public static LossSpec ReadLossSpec(this BinaryReader reader) => reader.ReadByte() switch
    {
        CrossEntropyTag => new LossSpec.CrossEntropy(),
        MeanSquaredErrorTag => new LossSpec.MeanSquaredError(),
        MetaLossTag => new LossSpec.MetaLoss(reader.ReadArchitecture(), reader.ReadFloats()),
        ProgressMetaLossTag => new LossSpec.MetaLoss(reader.ReadArchitecture() with { ProgressInput = true }, reader.ReadFloats()),
        LabelSmoothingTag => new LossSpec.LabelSmoothing(reader.ReadDouble()),
        PolyOneTag => new LossSpec.PolyOne(reader.ReadDouble()),
        FocalTag => new LossSpec.Focal(reader.ReadDouble()),
        var tag => throw new InvalidDataException($"unknown loss tag {tag}"),
    };

    /// <summary>
    /// The MLP's episodes only: the format has no field for the classifier kind, and evolution never
    /// makes another, so a CNN episode (meta-testing's, in-process) must not travel as an MLP one.
    /// </summary>
    public static void WriteEpisodeSpec(this BinaryWriter writer, EpisodeSpec spec)
    {
        if (spec.Classifier != ClassifierKind.Mlp)
            throw new ArgumentException($"an episode with the {spec.Classifier} classifier cannot be serialized: " +
                                        "only MLP episodes travel in messages and events (the CNN is for evaluate's transfer suite, in-process)");
        writer.WriteEnum(spec.Dataset);
        writer.WriteLossSpec(spec.Loss);
        writer.Write(spec.TaskSeed);
        writer.Write(spec.InitSeed);
        writer.Write(spec.PerClassTrain);
        writer.Write(spec.ValidationSize);
        writer.Write(spec.FirstHidden);
        writer.Write(spec.SecondHidden);
        writer.Write(spec.Steps);
        writer.Write(spec.LearningRate);
        writer.WriteOptional(spec.Classes, BinaryFormat.WriteInts);
        writer.Write(spec.RecordValidationCurve);
        writer.WriteOptional(spec.Schedule, WriteSchedule);
    }

    private static void WriteSchedule(BinaryWriter writer, LearningRateSchedule schedule)
    {
        writer.WriteEnum(schedule.Decay);
        writer.Write(schedule.FinalFraction);
    }

    private static LearningRateSchedule ReadSchedule(BinaryReader reader) =>
        new(reader.ReadEnum<LearningRateDecay>(), reader.ReadDouble());

    public static EpisodeSpec ReadEpisodeSpec(this BinaryReader reader) => new(
        reader.ReadEnum<DatasetName>(),
        reader.ReadLossSpec(),
        TaskSeed: reader.ReadUInt64(),
        InitSeed: reader.ReadUInt64(),
        PerClassTrain: reader.ReadInt32(),
        ValidationSize: reader.ReadInt32(),
        FirstHidden: reader.ReadInt32(),
        SecondHidden: reader.ReadInt32(),
        Steps: reader.ReadInt32(),
        LearningRate: reader.ReadDouble(),
        Classes: reader.ReadOptional(BinaryFormat.ReadInts),
        RecordValidationCurve: reader.ReadBoolean(),
        Schedule: reader.ReadOptional(ReadSchedule));
}

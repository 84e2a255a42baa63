using MetaLoss.Training.Data;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Actors.Serialization;

/// <summary>Writer and reader of a run's task distribution (the last field of version-5 run settings).</summary>
internal static class TaskDistributionFormat
{
    public static void WriteTaskDistribution(this BinaryWriter writer, TaskDistribution tasks)
    {
        writer.WriteList(tasks.Sources, (w, source) =>
        {
            w.WriteEnum(source.Dataset);
            w.Write(source.Weight);
        });
        writer.WriteOptional(tasks.Steps, WriteWholeRange);
        writer.WriteOptional(tasks.PerClassTrain, WriteWholeRange);
        writer.WriteOptional(tasks.FirstHidden, WriteWholeRange);
        writer.WriteOptional(tasks.SecondHidden, WriteWholeRange);
        writer.WriteOptional(tasks.LearningRate, (w, rate) =>
        {
            w.Write(rate.Min);
            w.Write(rate.Max);
        });
        writer.WriteOptional(tasks.Classes, WriteWholeRange);
    }

    /// <summary>Checked as a run's settings are: a journal cannot smuggle in a test split or a bad range.</summary>
    public static TaskDistribution ReadTaskDistribution(this BinaryReader reader)
    {
        var tasks = new TaskDistribution
        {
            Sources = reader.ReadList(r => new TaskSource(r.ReadEnum<DatasetName>(), r.ReadInt32())),
            Steps = reader.ReadOptional(ReadWholeRange),
            PerClassTrain = reader.ReadOptional(ReadWholeRange),
            FirstHidden = reader.ReadOptional(ReadWholeRange),
            SecondHidden = reader.ReadOptional(ReadWholeRange),
            LearningRate = reader.ReadOptional(r => new RateRange(r.ReadDouble(), r.ReadDouble())),
            Classes = reader.ReadOptional(ReadWholeRange),
        };
        tasks.Validate();
        return tasks;
    }

    private static void WriteWholeRange(BinaryWriter writer, WholeRange range)
    {
        writer.Write(range.Min);
        writer.Write(range.Max);
    }

    private static WholeRange ReadWholeRange(BinaryReader reader) => new(reader.ReadInt32(), reader.ReadInt32());
}

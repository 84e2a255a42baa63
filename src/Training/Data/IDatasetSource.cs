namespace MetaLoss.Training.Data;

/// <summary>Where episodes get their resident datasets from.</summary>
public interface IDatasetSource
{
    ImageDataset Get(DatasetName name);
}

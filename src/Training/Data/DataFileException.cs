namespace MetaLoss.Training.Data;

/// <summary>
/// A dataset file is missing, unreadable or malformed. The message names the file and the fault,
/// so a user can fix the input without reading code.
/// </summary>
public sealed class DataFileException : Exception
{
    public DataFileException(string filePath, string fault, Exception? innerException = null)
        : base($"{filePath}: {fault}", innerException)
    {
        FilePath = filePath;
    }

    public string FilePath { get; }
}

using MetaLoss.Host.Plots;
using MetaLoss.Host.Statistics;

namespace MetaLoss.Host.Calibration;

/// <summary>What `calibrate --out DIR` writes: the table's numbers at full precision, and accuracy against learning rate as a figure.</summary>
public static class CalibrationFiles
{
    public const string Csv = "calibration.csv";
    public const string Figure = "calibration.png";

    /// <summary>A folder that cannot hold the files is refused before any episode runs.</summary>
    public static string Prepare(DirectoryInfo output)
    {
        if (File.Exists(output.FullName))
            throw new ArgumentException($"--out {output.FullName}: is a file; give the folder to write {Csv} and {Figure} into");
        try
        {
            return Directory.CreateDirectory(output.FullName).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--out {output.FullName}: cannot create the folder ({e.Message})");
        }
    }

    public static void Write(string directory, string title, IReadOnlyList<CalibrationRow> rows)
    {
        File.WriteAllBytes(Path.Combine(directory, Csv), CsvFiles.Bytes(csv =>
        {
            csv.WriteRecord(["loss", "learning_rate", "episodes", "mean", "std", "ci95_low", "ci95_high"]);
            foreach (var row in rows)
            {
                var a = row.Accuracy;
                csv.WriteField(row.Loss.Label);
                csv.WriteField(row.LearningRate);
                csv.WriteField(a.Count);
                foreach (var value in new[] { a.Mean, a.StandardDeviation, a.Mean - a.ConfidenceHalfWidth95, a.Mean + a.ConfidenceHalfWidth95 })
                    csv.WriteField(value);
                csv.EndRecord();
            }
        }));
        CalibrationFigure.Save(Path.Combine(directory, Figure), title, rows);
    }
}

using System.CommandLine;
using MetaLoss.Host.Evaluation;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Commands;

/// <summary>`metaloss export --run DIR --out FILE`: the run's best MLN as a self-describing file that TorchSharp (MetaLoss.Training) and PyTorch (python/metaloss_mln.py) programs can load.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "run directory (with best-mln.json and journal.db)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "file to write the learned loss to (JSON, format metaloss-mln/1)", Required = true };
        var command = new Command("export", "Write a run's best MLN (architecture, weights, usage) to a portable file");
        command.Options.Add(run);
        command.Options.Add(output);
        command.SetAction(async (result, cancellation) =>
        {
            var evaluated = await EvaluatedRun.Load(result.GetValue(run)!, cancellation);
            var target = result.GetValue(output)!;
            if (Directory.Exists(target.FullName))
                throw new ArgumentException($"--out {target.FullName}: is a directory; give the path of the file to write");
            if (target.Directory is { Exists: false })
                throw new ArgumentException($"--out {target.FullName}: the folder {target.Directory.FullName} does not exist");
            var mln = evaluated.Mln;
            var exported = MlnExport.Of(mln, evaluated.Directory.Path, evaluated.Settings);
            try
            {
                exported.Save(target.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"--out {target.FullName}: cannot write it ({e.Message})");
            }
            Console.WriteLine($"wrote {target.FullName}: {mln.Parameters.Length} parameters; load it with MlnFile.Load(path).CreateLoss() in TorchSharp, or MetaLoss.from_file(path) in PyTorch (python/metaloss_mln.py)");
            return 0;
        });
        return command;
    }
}

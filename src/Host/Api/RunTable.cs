namespace MetaLoss.Host.Api;

/// <summary>The service's runs as `metaloss runs` and `status --server` print them; a refused run's reason under its line.</summary>
public static class RunTable
{
    public static void Print(IReadOnlyList<RunJson> runs)
    {
        if (runs.Count == 0)
        {
            Console.WriteLine("No runs yet; add one with `metaloss submit --server URL --name NAME`.");
            return;
        }
        Console.WriteLine($"{"name",-24}  {"state",-9}  {"priority",8}  {"generation",10}  {"episodes",9}  {"best",6}  {"best on meta-validation",23}");
        foreach (var run in runs)
            Console.WriteLine($"{run.Name,-24}  {run.State,-9}  {run.Priority,8}  {$"{run.Generation}/{run.Generations}",10}  {run.EpisodesCompleted,9}  " +
                              $"{run.BestFitness?.ToString("F4") ?? "-",6}  {run.BestValidationScore?.ToString("F4") ?? "-",23}{Refusal(run)}");
    }

    private static string Refusal(RunJson run) => run.Refusal is { } reason ? $"{Environment.NewLine}{"",-24}  refused: {reason}" : "";
}

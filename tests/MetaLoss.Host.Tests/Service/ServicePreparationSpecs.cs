using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace MetaLoss.Host.Tests.Service;

/// <summary>A real `serve` stopped while the runs it was given are still being prepared.</summary>
[Collection(ServiceCollection.Name)]
public class ServicePreparationSpecs
{
    private const int Runs = 3;

    [Fact]
    public async Task Should_stop_at_once_while_runs_are_prepared_and_prepare_them_again_when_started_again()
    {
        var data = SmallRun.NewDirectory();
        var names = Enumerable.Range(0, Runs).Select(i => $"fitted-{i}").ToList();
        using (var serve = ServeProcess.Start(data))
        {
            foreach (var (name, seed) in names.Select((name, i) => (name, 10 + i)))
            {
                // The default start: the initial MLN is fitted to focal loss, seconds of tensor work a run.
                var body = ServeProcess.SmallRunBody(name, generations: 2, seed: seed);
                body.Remove("init");
                using var response = await serve.Http.PostAsJsonAsync("api/runs", body, ServeProcess.Json);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
            Assert.True(serve.Process.WaitForLine("Fitting the initial MLN", SmallRun.Timeout), serve.Process.Output);
            serve.Process.Interrupt();

            // Stopped, not crashed (a process that exits while libtorch runs on another thread gets
            // SIGSEGV): the fit under way was cancelled, not waited for, and no other one began.
            Assert.Equal(130, serve.Process.WaitForExit(SmallRun.Timeout));
            Assert.DoesNotContain("Initial MLN (", serve.Process.Output);
        }

        using (var serve = ServeProcess.Start(data))
        {
            foreach (var name in names) await serve.WaitFor(name, r => r.State == "finished", SmallRun.Timeout);
            Assert.Equal(Runs, Regex.Matches(serve.Process.Output, Regex.Escape("Initial MLN (")).Count);
        }
    }
}

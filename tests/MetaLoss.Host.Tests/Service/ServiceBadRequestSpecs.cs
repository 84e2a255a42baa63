using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text;
using MetaLoss.Host.Api;

namespace MetaLoss.Host.Tests.Service;

/// <summary>Bad requests to a real `serve`: a 4xx with a one-line message, and nothing persisted.</summary>
[UnsupportedOSPlatform("windows")]
[Collection(ServiceCollection.Name)]
public class ServiceBadRequestSpecs
{
    [Fact]
    public async Task Should_answer_bad_bodies_with_4xx_naming_the_field_and_persist_nothing()
    {
        var data = SmallRun.NewDirectory();
        using (var serve = ServeProcess.Start(data))
        {
            // A client that sends a too-large body whole before reading the answer races the server's
            // close: HttpClient then reports a broken pipe instead of the 413. Expect: 100-continue is
            // HTTP's way to hear the refusal before sending, and 16 MiB (more than any socket buffer)
            // makes that path the one tested every time rather than on a lucky schedule.
            serve.Http.DefaultRequestHeaders.ExpectContinue = true;
            var cases = new (string What, HttpContent Body, HttpStatusCode Status, string? Field, string Message)[]
            {
                ("malformed JSON", Text("""{"name": "a", "generations": 3"""), HttpStatusCode.BadRequest, "", "malformed JSON"),
                ("negative generations", Text("""{"name": "a", "generations": -2}"""), HttpStatusCode.BadRequest, "generations", "generations must be a positive whole number, got -2"),
                ("unknown field", Text("""{"name": "a", "generationz": 3}"""), HttpStatusCode.BadRequest, "generationz", "unknown field 'generationz'"),
                ("bad name", Text("""{"name": "../etc"}"""), HttpStatusCode.BadRequest, "name", "lower-case letters, digits and dashes"),
                ("no name", Text("""{}"""), HttpStatusCode.BadRequest, "name", "name is required"),
                ("16 MiB body", Text($$"""{"name": "a", "pad": "{{new string('x', 16 << 20)}}"}"""), HttpStatusCode.RequestEntityTooLarge, "", "larger than 64 KiB"),
            };
            foreach (var (what, body, status, field, message) in cases)
            {
                using var response = await serve.Http.PostAsync("api/runs", body);
                var error = await response.Content.ReadFromJsonAsync<ErrorJson>(ServeProcess.Json);
                Assert.True(status == response.StatusCode, $"{what}: {(int)response.StatusCode} {error}");
                Assert.Equal(field, error!.Field);
                Assert.Contains(message, error.Error);
                Assert.DoesNotContain('\n', error.Error);
            }
            using (var missing = await serve.Http.GetAsync("api/runs/no-such-run"))
            {
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
                Assert.Contains("no run named 'no-such-run'", (await missing.Content.ReadFromJsonAsync<ErrorJson>(ServeProcess.Json))!.Error);
            }
            using (var pause = await serve.Http.PostAsync("api/runs/no-such-run/pause", null))
                Assert.Equal(HttpStatusCode.NotFound, pause.StatusCode);
            Assert.Empty(await serve.Runs());
        }
        // Nothing reached the journal either: a service started again on the same folder knows no run.
        using (var again = ServeProcess.Start(data))
            Assert.Empty(await again.Runs());
    }

    [Fact]
    public async Task Should_ask_every_api_and_metrics_request_for_the_token_on_a_non_loopback_bind()
    {
        var data = SmallRun.NewDirectory();
        var tokenFile = TokenFile(data, "s3cret-token", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var serve = ServeProcess.Start(data, "--http", "0.0.0.0:0", "--token-file", tokenFile);
        Assert.Contains("bearer token required", serve.Process.Output);
        foreach (var path in new[] { "api/runs", "api/cluster", "api/events", "metrics" })
        {
            using var missing = await serve.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.True(HttpStatusCode.Unauthorized == missing.StatusCode, $"{path} without a token: {(int)missing.StatusCode}");
            Assert.Contains("needs a token", (await missing.Content.ReadFromJsonAsync<ErrorJson>(ServeProcess.Json))!.Error);
        }
        using (var post = await serve.Http.PostAsync("api/runs", Text("""{"name": "a"}""")))
            Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        serve.Authorize("s3cret-tokeN");
        using (var wrong = await serve.Http.GetAsync("api/runs"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("wrong token", (await wrong.Content.ReadFromJsonAsync<ErrorJson>(ServeProcess.Json))!.Error);
        }
        serve.Authorize("s3cret-token");
        Assert.Empty(await serve.Runs());
        using (var metrics = await serve.Http.GetAsync("metrics"))
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        // The OpenAPI document is not behind the token: it says how to call the API, not what runs there.
        serve.Http.DefaultRequestHeaders.Authorization = null;
        using (var openApi = await serve.Http.GetAsync("openapi/v1.json"))
            Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
    }

    [Theory]
    [InlineData("no token file", null, "on an address other machines can reach, the API needs a token")]
    [InlineData("world-readable token file", 0b110_100_100, "other users may read or change it (mode 0644)")]
    public void Should_refuse_to_serve_beyond_loopback_without_a_private_token_file(string what, int? mode, string message)
    {
        var data = SmallRun.NewDirectory();
        string[] token = mode is { } m ? ["--token-file", TokenFile(data, "t", (UnixFileMode)m)] : [];
        var (code, output) = MetalossProcess.Run(TimeSpan.FromSeconds(60), ["serve", "--data", data, "--http", "0.0.0.0:0", .. token]);
        Assert.True(code == 2, $"{what}: exit {code}\n{output}");
        Assert.Contains(message, output);
        Assert.False(File.Exists(Path.Combine(data, "journal.db")), what);
    }

    private static StringContent Text(string json) => new(json, Encoding.UTF8, "application/json");

    private static string TokenFile(string folder, string token, UnixFileMode mode)
    {
        var path = Path.Combine(folder, "token");
        File.WriteAllText(path, token + "\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }
}

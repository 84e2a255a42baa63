using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using MetaLoss.Host.Dashboard;
using MetaLoss.Host.Tests.Service;
using MetaLoss.Training.Models;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MetaLoss.Host.Tests.Dashboard;

/// <summary>
/// The web dashboard in headless Chromium against a real `metaloss serve`: runs submitted through the
/// page's form and through the API, followed live over the event stream; the token prompt; the
/// page's own event-stream parser; and the files `serve` hands out for it.
/// </summary>
[UnsupportedOSPlatform("windows")]
[Collection(ServiceCollection.Name)]
public sealed class DashboardSpecs
{
    private const int PhoneWidth = 390;
    private static readonly float RunTimeout = (float)SmallRun.Timeout.TotalMilliseconds;
    // A test run must not rewrite tracked files: the README's screenshots are taken on purpose with
    // METALOSS_SCREENSHOT_DIR=docs/results (see the README), every other run writes them to a temporary folder.
    private static readonly string Screenshots = Environment.GetEnvironmentVariable("METALOSS_SCREENSHOT_DIR") is { Length: > 0 } chosen
        ? Path.GetFullPath(chosen, SharedData.RepositoryDirectory)
        : Path.Combine(Path.GetTempPath(), "metaloss-dashboard-screenshots");

    /// <summary>The tiny run's settings that the form has no field for, as its "other settings" box takes them.</summary>
    private static readonly string OtherSettings = JsonSerializer.Serialize(ServeProcess.SmallRunBody("unused")
        .Where(setting => setting.Key is not ("name" or "generations" or "population" or "seed"))
        .ToDictionary());

    [Fact]
    public async Task Should_show_runs_from_the_form_and_the_api_and_follow_their_generations_live()
    {
        using var serve = ServeProcess.Start(SmallRun.NewDirectory(), "--devices", "cpu:2");
        await using var chromium = await Chromium.Launch();
        var (page, errors) = await chromium.NewPage(1280, 900);
        await page.GotoAsync(serve.Url.ToString());
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        // Marks this load of the page: a reload would lose it, so what changes below came over the stream.
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");
        await RecordChartPoints(page, "form-run");

        await SubmitThroughForm(page, "bad-run", """{"bogus": 1}""");
        await Expect(page.Locator("#submit-message")).ToContainTextAsync("Refused:", new() { Timeout = RunTimeout });
        await Expect(page.Locator("textarea[name=extra]")).ToHaveAttributeAsync("aria-invalid", "true");
        // The server's message quotes what it was sent: it shows as text, never as markup.
        await SubmitThroughForm(page, "bad-run", """{"init": "<img src=x onerror=window.pwned=1>"}""");
        await Expect(page.Locator("#submit-message")).ToContainTextAsync("<img src=x onerror=window.pwned=1>");
        await Expect(page.Locator("main img")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        await Expect(page.Locator(".run-card[data-run='bad-run']")).ToHaveCountAsync(0);
        // Taken, then refused by its preparation (the dataset has too few images): the form waits and shows why.
        await SubmitThroughForm(page, "bad-data", """{"perClass": 100000}""");
        await Expect(page.Locator("#submit-message")).ToContainTextAsync("Refused: run 'bad-data' could not be prepared: an episode takes 100,000 training images",
            new() { Timeout = RunTimeout });
        // Listed as refused (pushed over the stream), its card saying why instead of showing progress.
        await Expect(page.Locator(".run-card[data-run='bad-data']")).ToHaveAttributeAsync("data-state", "refused");
        await Expect(page.Locator(".run-card[data-run='bad-data'] .refusal")).ToContainTextAsync("refused: an episode takes 100,000 training images");
        await Expect(page.Locator(".run-card[data-run='bad-data'] .progress-line")).ToBeHiddenAsync();
        await Expect(page.Locator(".run-card[data-run='bad-data'] .actions button:visible")).ToHaveCountAsync(0);

        await SubmitThroughForm(page, "form-run", OtherSettings, SmallRun.Generations, seed: 7);
        // The form waits while the server prepares the run (its data checked, its MLN fitted): a while on a busy machine.
        await Expect(page.Locator("#submit-message")).ToHaveTextAsync("Submitted run form-run.", new() { Timeout = RunTimeout });
        // Long enough never to finish here (a tiny generation can take 50 ms): it is paused, resumed
        // and at the end cancelled, which a finished run no longer offers.
        await serve.Submit(ServeProcess.SmallRunBody("api-run", generations: 10_000, seed: 8));
        var formRun = page.Locator(".run-card[data-run='form-run']");
        var apiRun = page.Locator(".run-card[data-run='api-run']");
        await Expect(apiRun).ToBeVisibleAsync();

        await Expect(formRun).ToHaveAttributeAsync("data-state", "finished", new() { Timeout = RunTimeout });
        await Expect(formRun.Locator(".generation")).ToHaveTextAsync($"{SmallRun.Generations}");
        await Expect(formRun.Locator(".best-fitness")).Not.ToHaveTextAsync("–");
        await Expect(page.Locator("#run-detail tbody tr")).ToHaveCountAsync(SmallRun.Generations);
        var points = await page.EvaluateAsync<int[]>("() => window.chartPoints");
        Assert.Equal(SmallRun.Generations, points[^1]);
        Assert.True(points.Length >= 3 && points.Zip(points.Skip(1)).All(pair => pair.Item2 > pair.Item1),
            $"the chart should have grown point by point, but showed {string.Join(", ", points)} points");

        await apiRun.Locator(".change-pause").ClickAsync();
        await Expect(apiRun).ToHaveAttributeAsync("data-state", "paused");
        await Expect(apiRun.Locator(".change-pause")).ToBeHiddenAsync();
        await apiRun.Locator(".change-resume").ClickAsync();
        await Expect(apiRun).ToHaveAttributeAsync("data-state", "running");
        var resumedAt = int.Parse(await apiRun.Locator(".generation").TextContentAsync() ?? "");
        // A few generations on, so the screenshot shows a run under way beside the finished one.
        await page.WaitForFunctionAsync("g => Number(document.querySelector(\".run-card[data-run='api-run'] .generation\").textContent) >= g",
            resumedAt + 3, new() { Timeout = RunTimeout });
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page was reloaded");
        // The cluster table is read every few seconds: it catches up with the episodes the runs have done.
        await Expect(page.Locator("#cluster tbody tr td").Nth(5)).Not.ToHaveTextAsync("0", new() { Timeout = RunTimeout });

        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard.png"), FullPage = true });
        AssertPng(Path.Combine(Screenshots, "dashboard.png"));
        await DownloadsTheBestMln(page, "form-run");
        await page.SetViewportSizeAsync(PhoneWidth, 844);
        await page.WaitForFunctionAsync("w => document.querySelector('#run-detail svg.chart').viewBox.baseVal.width <= w", PhoneWidth);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= PhoneWidth,
            "the page is wider than a phone's screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-phone.png"), FullPage = true });
        AssertPng(Path.Combine(Screenshots, "dashboard-phone.png"));

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await apiRun.Locator(".change-cancel").ClickAsync();
        await Expect(apiRun).ToHaveAttributeAsync("data-state", "cancelled");
        var detail = await serve.Http.GetFromJsonAsync<JsonElement>("api/runs/api-run");
        Assert.Equal("cancelled", detail.GetProperty("run").GetProperty("state").GetString());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_ask_for_the_token_and_then_show_the_runs()
    {
        var token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var tokenFile = Path.Combine(SmallRun.NewDirectory(), "token");
        File.WriteAllText(tokenFile, token + "\n");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Any address but loopback needs the token: the server listens on all of them, the browser comes by loopback.
        using var serve = ServeProcess.Start(SmallRun.NewDirectory(), "--http", "0.0.0.0:0", "--token-file", tokenFile);
        serve.Authorize(token);
        await serve.Submit(ServeProcess.SmallRunBody("guarded-run", generations: 2, seed: 3));
        await using var chromium = await Chromium.Launch();
        var (page, errors) = await chromium.NewPage(PhoneWidth, 844);

        await page.GotoAsync(serve.Url.ToString());
        var dialog = page.Locator("#token-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator(".run-card")).ToHaveCountAsync(0);

        await GiveToken(page, "not-the-token");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator(".message")).ToContainTextAsync("refused");
        await Expect(page.Locator(".run-card")).ToHaveCountAsync(0);

        await GiveToken(page, token);
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator(".run-card[data-run='guarded-run']")).ToBeVisibleAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Expect(page.Locator("#cluster tbody tr")).Not.ToHaveCountAsync(0);

        // The token is kept for the tab: a reload does not ask again.
        await page.ReloadAsync();
        await Expect(page.Locator(".run-card[data-run='guarded-run']")).ToBeVisibleAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_parse_event_streams_however_they_are_split_into_chunks()
    {
        using var serve = ServeProcess.Start(SmallRun.NewDirectory());
        await using var chromium = await Chromium.Launch();
        var (page, errors) = await chromium.NewPage(800, 600);
        await page.GotoAsync(serve.Url.ToString());

        // Every way of cutting the stream in two, and one character at a time: CRLF, CR and LF line
        // ends, comments, a field without its space, multi-line data, unknown fields and an event with no data.
        var failures = await page.EvaluateAsync<string[]>("""
            async () => {
              const { SseParser } = await import('/dashboard/sse.js');
              const stream = 'event: run\r\ndata: {"name":"a"}\r\n\r\n: keep-alive\n\nevent:generation\ndata:x\ndata:  y\r\r'
                + 'id: 4\nretry: 10\nunknown: z\ndata: plain\n\nevent: lonely\n\ndata\n\n';
              const expected = JSON.stringify([['run', '{"name":"a"}'], ['generation', 'x\n y'], ['message', 'plain'], ['message', '']]);
              const parse = chunks => {
                const events = [];
                const parser = new SseParser((type, data) => events.push([type, data]));
                for (const chunk of chunks) parser.push(chunk);
                return JSON.stringify(events);
              };
              const cuts = [...Array(stream.length + 1).keys()].map(i => [stream.slice(0, i), stream.slice(i)]);
              cuts.push([...stream]);
              return cuts.map(parse).flatMap((got, i) => got === expected ? [] : [`cut ${i}: ${got}`]);
            }
            """);

        Assert.Empty(failures);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_serve_only_its_own_files_and_build_the_page_without_markup_strings()
    {
        using var serve = ServeProcess.Start(SmallRun.NewDirectory());
        var files = typeof(DashboardEndpoints).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("dashboard/", StringComparison.Ordinal))
            .Select(name => name["dashboard/".Length..])
            .ToList();
        Assert.Contains("index.html", files);

        using var page = await serve.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        foreach (var script in files.Where(name => name.EndsWith(".js", StringComparison.Ordinal)))
        {
            var text = await serve.Http.GetStringAsync($"/dashboard/{script}");
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(" })
                Assert.False(text.Contains(sink, StringComparison.Ordinal), $"{script} uses {sink}");
        }
        foreach (var path in new[] { "/dashboard/missing.js", "/dashboard/..%2Fmetaloss.dll", "/dashboard/%2E%2E%2Fappsettings.json" })
        {
            using var response = await serve.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private static async Task SubmitThroughForm(IPage page, string name, string otherSettings, int? generations = null, int? seed = null)
    {
        await page.FillAsync("#submit-form input[name=name]", name);
        await page.FillAsync("#submit-form input[name=generations]", generations?.ToString() ?? "");
        await page.FillAsync("#submit-form input[name=population]", $"{SmallRun.Parents}");
        await page.FillAsync("#submit-form input[name=seed]", seed?.ToString() ?? "");
        await page.FillAsync("#submit-form input[name=priority]", "1");
        if (!await page.Locator("#submit-form textarea[name=extra]").IsVisibleAsync()) await page.ClickAsync("#submit-form summary");
        await page.FillAsync("#submit-form textarea[name=extra]", otherSettings);
        await page.ClickAsync("#submit-form button[type=submit]");
    }

    private static async Task GiveToken(IPage page, string token)
    {
        await page.FillAsync("#token-dialog input[name=token]", token);
        await page.ClickAsync("#token-dialog button[type=submit]");
    }

    /// <summary>Keeps, in the page, each new number of points the run's chart shows, in order.</summary>
    private static Task RecordChartPoints(IPage page, string run) => page.EvaluateAsync("""
        run => {
          window.chartPoints = [];
          const record = () => {
            const detail = document.getElementById('run-detail');
            const points = detail.querySelector('svg.chart')?.dataset.points;
            if (detail.dataset.run !== run || points === undefined) return;
            if (Number(points) !== window.chartPoints.at(-1)) window.chartPoints.push(Number(points));
          };
          new MutationObserver(record).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-points', 'data-run'] });
        }
        """, run);

    private static async Task DownloadsTheBestMln(IPage page, string run)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#run-detail .download"));
        Assert.Equal($"{run}-best-mln.json", download.SuggestedFilename);
        var path = Path.Combine(SmallRun.NewDirectory(), download.SuggestedFilename);
        await download.SaveAsAsync(path);
        Assert.NotEmpty(MlnFile.Load(path).Parameters);
    }

    private static void AssertPng(string path)
    {
        var header = File.ReadAllBytes(path).Take(8).ToArray();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, header);
    }
}

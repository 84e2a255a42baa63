using Microsoft.Playwright;

namespace MetaLoss.Host.Tests.Dashboard;

/// <summary>
/// Debian's chromium (scripts/setup installs it), headless, driven by Playwright. Playwright's own
/// browser download is never used: the executable is given, and the download is switched off in case
/// anything asks.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> Launch()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: run scripts/setup chromium (./run-tests does)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Expectations wait for a condition; 5 s (Playwright's default) is short on a machine busy with builds.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        // --no-sandbox: the tests run as root, where chromium's sandbox refuses to start.
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
        return new Chromium(playwright, browser);
    }

    /// <summary>
    /// A page of its own context (its own sessionStorage), with script errors collected. Chromium's
    /// "Failed to load resource" lines are left out: the specs cause 400s and 401s on purpose.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> NewPage(int width, int height)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(message.Text);
        };
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

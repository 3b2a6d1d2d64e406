using Microsoft.Playwright;

namespace SecOpsDx.EndToEnd.Tests.Support;

/// <summary>One running app and one Debian Chromium shared by the browser journeys; each test gets its own browser context.</summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public RunningApp App { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The app the journeys of this fixture use; a fixture for another set-up starts it with its settings.</summary>
    protected virtual Task<RunningApp> StartAppAsync() => RunningApp.StartAsync();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: apt-get install -y chromium (the README test command does this).");
        App = await StartAppAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No background traffic: this machine reaches only loopback.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync(string locale = "ja-JP")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // Anything the Content-Security-Policy blocks is a page that works differently in production: record it.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                lock (CspViolations) CspViolations.GetOrCreateValue(page).Add(message.Text);
        };
        return page;
    }

    /// <summary>What the Content-Security-Policy refused on each page (see Axe.AssertNoSeriousAsync).</summary>
    public static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> CspViolations = new();

    /// <summary>Signs in through the form and waits until the home page is interactive.</summary>
    public async Task<IPage> SignInAsync(string email, string password = RunningApp.DemoPassword, string landing = "/")
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        try
        {
            // Signing in hashes a password and writes the audit trail; on a busy two-core machine (the other test
            // projects run beside this one) that can take longer than a click.
            // Waiting for the address alone (not the page's load event, which also waits for every script) keeps a slow
            // machine from failing a sign-in that did land; what the page shows is waited for below.
            // The address is polled rather than awaited as a navigation event: once, under load, the event wait ran out
            // while the page had already landed on the home page.
            var deadline = DateTime.UtcNow.AddSeconds(45);
            while (new Uri(page.Url).AbsolutePath != landing)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"no landing on {landing} within 45 s");
                await Task.Delay(100);
            }
        }
        catch (TimeoutException e)
        {
            var shown = await page.Locator("body").InnerTextAsync();
            throw new TimeoutException($"{email} did not reach the home page; the browser is at {page.Url} showing: {shown[..Math.Min(shown.Length, 500)]}", e);
        }
        if (landing == "/")
        {
            await page.WaitForSelectorAsync("[data-testid=my-roles]", new() { Timeout = 45_000 });
            await WaitUntilInteractiveAsync(page);
        }
        return page;
    }

    /// <summary>
    /// Waits until the browser's address satisfies <paramref name="match"/>, polling the address rather than awaiting a
    /// navigation event: under load the event wait has run out while the page had already landed (and a navigation
    /// that finished before the wait began is never seen as an event at all). On failure it says where the browser is
    /// and what it shows.
    /// </summary>
    public static async Task WaitForAddressAsync(IPage page, Func<string, bool> match, float timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!match(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                var shown = await page.Locator("body").InnerTextAsync();
                throw new TimeoutException(
                    $"the expected address was not reached within {timeoutMs} ms; the browser is at {page.Url} showing: {shown[..Math.Min(shown.Length, 500)]}");
            }
            await Task.Delay(100);
        }
        // A full page load may have committed the address before its document is parsed.
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = timeoutMs });
    }

    /// <summary>Waits for the live circuit: before it, clicks are handled as plain page loads.</summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator(".page[data-interactive=true]").WaitForAsync();

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "running app";
}

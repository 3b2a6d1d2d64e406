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

    public Task<IPage> NewPageAsync(string locale = "ja-JP") => NewPageAsync(locale, storageState: null);

    private async Task<IPage> NewPageAsync(string locale, string? storageState)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            StorageState = storageState,
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

    /// <summary>
    /// The cookies of a demo account's sign-in, by e-mail. A journey that needs a demo person signed in (and is not about
    /// signing in) gets a fresh browser context carrying that session instead of typing the password again: the form,
    /// the password hash and the audit write cost seconds on a busy machine, dozens of times per run.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _demoSessions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Signs in and waits until the home page is interactive. A demo account (demo password, landing on the home page)
    /// reuses the session of its first sign-in through the form while the app still accepts it; once the app refuses it
    /// (signed out, ended, locked: every request checks the session), it signs in through the form again.
    /// </summary>
    public async Task<IPage> SignInAsync(string email, string password = RunningApp.DemoPassword, string landing = "/")
    {
        var reusable = landing == "/" && password == RunningApp.DemoPassword;
        if (reusable && _demoSessions.TryGetValue(email, out var state))
        {
            var signedIn = await NewPageAsync("ja-JP", state);
            await signedIn.GotoAsync("/");
            if (new Uri(signedIn.Url).AbsolutePath == "/")
            {
                await signedIn.WaitForSelectorAsync("[data-testid=my-roles]", new() { Timeout = 45_000 });
                await WaitUntilInteractiveAsync(signedIn);
                return signedIn;
            }
            // The app no longer accepts that session: forget it and sign in through the form below.
            _demoSessions.TryRemove(email, out _);
            await signedIn.Context.CloseAsync();
        }
        var page = await SignInThroughFormAsync(email, password, landing);
        if (reusable) _demoSessions[email] = await page.Context.StorageStateAsync();
        return page;
    }

    /// <summary>Signs in through the form and waits until the landing page (the home page: interactive) is shown.</summary>
    public async Task<IPage> SignInThroughFormAsync(string email, string password = RunningApp.DemoPassword, string landing = "/")
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
                await Task.Delay(20);
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
            await Task.Delay(20);
        }
        // A full page load may have committed the address before its document is parsed.
        try
        {
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = timeoutMs });
        }
        catch (TimeoutException) when (match(page.Url))
        {
            // After redirects in quick succession (sign-in, then "/"), the event of the page that stayed can be missed:
            // if the page is there and parsed, which is all this wait is for, the test goes on.
            if (await page.EvaluateAsync<string>("() => document.readyState") == "loading") throw;
        }
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

/// <summary>
/// The journeys are split over two collections, each with its own app, database and browser (xunit gives each
/// collection its own fixture), so that the two run side by side: one chain of test, browser and app waits on the
/// others most of the time and leaves much of a two-core machine idle. Neither collection sees the other's changes.
/// xunit runs two collections at a time on two cores (its default): this one and the directory app's start together,
/// the second app when the directory journeys are done, so no more than two apps start at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "running app";
}

/// <summary>The second app of the split (incidents, training, policies, controls, compliance and exports).</summary>
[CollectionDefinition(Name)]
public sealed class SecondAppCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "running app (second)";
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SecOpsDx.EndToEnd.Tests.Support;

/// <summary>
/// Also fails when the page's Content-Security-Policy blocked anything since the page opened.
/// Runs axe-core on the page as it stands and fails on what keeps a person using a screen reader, a keyboard or
/// low vision from using it: every violation axe rates serious or critical.
/// </summary>
public static class Axe
{
    private static readonly HashSet<string> Blocking = ["serious", "critical"];

    /// <summary>One line per failing element: impact, rule, where on the page, and the markup axe looked at.</summary>
    public static async Task<IReadOnlyList<string>> SeriousFindingsAsync(IPage page)
    {
        // Colours are measured as they settle: a hover or active style still fading in reads as a contrast failure.
        await page.EvaluateAsync("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))");
        // After an in-app navigation the page's title arrives in a render of its own, just after the content; on a
        // busy machine the check could otherwise read the moment between the two. A page that never sets a title
        // still fails below (after this short wait).
        try { await page.WaitForFunctionAsync("() => document.title.trim().length > 0", null, new() { Timeout = 5000 }); }
        catch (TimeoutException) { }
        // A transition can also begin just after that wait (a re-render swaps a class on the button just clicked), and
        // axe would then measure a colour half-way between two states. Transitions are switched off for the check,
        // so every colour is the one the state settles on; the page is put back afterwards.
        await page.EvaluateAsync("""
            () => { const s = document.createElement('style'); s.id = 'axe-settled';
                    s.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
                    document.head.appendChild(s); }
            """);
        AxeResult result;
        try
        {
            result = await RunAxeAsync(page);
        }
        finally
        {
            await page.EvaluateAsync("() => document.getElementById('axe-settled')?.remove()");
        }
        return [.. from v in result.Violations
                   where v.Impact is not null && Blocking.Contains(v.Impact)
                   from node in v.Nodes
                   select $"[{v.Impact}] {v.Id} at {node.Target}: {Snippet(node.Html)} ({v.Help})"];
    }

    /// <summary>Fails with every serious or critical finding on the current page, naming the page.</summary>
    public static async Task AssertNoSeriousAsync(IPage page)
    {
        var findings = await SeriousFindingsAsync(page);
        List<string>? blocked;
        lock (BrowserFixture.CspViolations) blocked = BrowserFixture.CspViolations.TryGetValue(page, out var v) ? [.. v] : null;
        if (blocked is { Count: > 0 })
            Assert.Fail($"the Content-Security-Policy blocked something on {new Uri(page.Url).PathAndQuery}:\n  " + string.Join("\n  ", blocked));
        if (findings.Count > 0)
            Assert.Fail($"{findings.Count} serious accessibility finding(s) on {new Uri(page.Url).PathAndQuery}:\n  " + string.Join("\n  ", findings));
    }

    /// <summary>The axe-core bundled with Deque.AxeCore (the same engine and version RunAxe uses).</summary>
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// The rules WCAG 2.1 AA asks for, which is what a Japanese public body is held to (JIS X 8341-3), and the
    /// best practices. Only violations are collected in full: axe otherwise builds a selector for every element that
    /// passes each rule, work that nothing here reads (passes and the rest still come back, one element each).
    /// </summary>
    private static readonly string RunOptions = Newtonsoft.Json.JsonConvert.SerializeObject(new AxeRunOptions
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    });

    /// <summary>
    /// axe.run on the page's document, as RunAxe does for a page without frames (the app has none), with two costs
    /// left out: the 0.5 MB axe-core script is evaluated once per document rather than on every check (in-app
    /// navigation keeps the document), and the results are put together in the page itself rather than in a new
    /// browser context RunAxe opens and closes for each check (it isolates pages that might tamper with axe).
    /// </summary>
    private static async Task<AxeResult> RunAxeAsync(IPage page)
    {
        if (await page.EvaluateAsync<bool>("() => typeof window.axe?.run !== 'function'"))
            await page.EvaluateAsync($"() => {{ {AxeSource.Value}\n}}");
        var json = await page.EvaluateAsync<string>("async options => JSON.stringify(await axe.run(document, JSON.parse(options)))", RunOptions);
        return new AxeResult(Newtonsoft.Json.Linq.JObject.Parse(json));
    }

    private static string Snippet(string? html)
    {
        var flat = string.Join(' ', (html ?? "").Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= 160 ? flat : flat[..157] + "...";
    }
}

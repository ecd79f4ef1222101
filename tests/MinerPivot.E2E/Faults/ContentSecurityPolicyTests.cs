using Microsoft.Playwright;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E.Faults;

/// <summary>The app's own scripts (Blazor, BootstrapBlazor, plotly.js) run under its Content-Security-Policy without one violation.</summary>
public class ContentSecurityPolicyTests(BrowserSession<MinerPivotDemoApp> session) : IClassFixture<BrowserSession<MinerPivotDemoApp>>
{
    // Records every violation the browser reports on the page, from before the page's own scripts run.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    private static bool ZodJitProbe(string violation) =>
        violation.StartsWith("script-src blocked eval at ", StringComparison.Ordinal) && violation.Contains("/api/docs/scalar.js:", StringComparison.Ordinal);

    private static async Task<string[]> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? ['the recorder did not run']");

    [Fact]
    public async Task The_board_a_company_pages_charts_and_an_admin_form_run_with_no_violation_and_inline_script_is_refused()
    {
        var page = await session.SignedInPageAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword);
        await page.Context.AddInitScriptAsync(RecordViolations);
        var violations = new List<string>();

        var board = await page.GotoAsync("/?asOf=2026-05-31");
        var policy = await board!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9_-]+';", policy);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signpost board" })).ToBeVisibleAsync();
        await BrowserSession<MinerPivotDemoApp>.WaitForInteractiveAsync(page);

        // Into the company page by the board's own (enhanced) navigation; its four charts drawn by plotly.js.
        await page.Locator("tr.board-row[data-ticker='CORZ']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/companies/CORZ"));
        await PageChecks.WaitForChartsAsync(page, 4);
        // Plotly's PNG export draws through data: and blob: images.
        await page.Locator("#chart-revenue").HoverAsync();
        var png = await page.RunAndWaitForDownloadAsync(() => page.Locator("#chart-revenue .modebar-btn[data-title^='Download plot']").ClickAsync());
        Assert.EndsWith(".png", png.SuggestedFilename);
        violations.AddRange(await ViolationsAsync(page));

        // A company page loaded directly, then an admin form with BootstrapBlazor's inputs.
        await page.GotoAsync("/companies/IREN?asOf=2026-05-31");
        await BrowserSession<MinerPivotDemoApp>.WaitForInteractiveAsync(page);
        await PageChecks.WaitForChartsAsync(page, 4);
        violations.AddRange(await ViolationsAsync(page));

        await page.GotoAsync("/admin/quarters/new");
        await BrowserSession<MinerPivotDemoApp>.WaitForInteractiveAsync(page);
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New quarter" });
        await form.GetByLabel("Company").SelectOptionAsync("HUT");
        await form.GetByLabel("Colocation revenue").FillAsync("77.5M");
        await Expect(form.Locator("#quarters-colocation-revenue-usd-hint")).ToHaveTextAsync("= $77.5M");
        violations.AddRange(await ViolationsAsync(page));

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));

        // The API reference (Scalar): its inline start-up script carries the response's nonce, its fonts are the system's.
        // The one refusal there is zod's JIT probe in scalar.js (`try { Function("") } catch`), which falls back to
        // interpreting schemas: the page still draws the whole reference.
        await page.GotoAsync("/api/docs/");
        await Expect(page.Locator("#app")).ToContainTextAsync("/api/v1/auth/login", new() { Timeout = 20_000 });
        var docs = await ViolationsAsync(page);
        Assert.True(docs.All(ZodJitProbe), string.Join("\n", docs));
        Assert.True(session.ConsoleErrors.All(e => e.Contains("'unsafe-eval' is not an allowed source", StringComparison.Ordinal)), string.Join("\n", session.ConsoleErrors));
        session.ConsoleErrors.Clear();

        // The policy is enforced: a script injected into the page does not run, and the recorder sees it.
        var ran = await page.EvaluateAsync<bool>("""
            () => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s); return window.__injected === true; }
            """);
        Assert.False(ran);
        await page.WaitForFunctionAsync("() => window.__cspViolations.some(v => v.startsWith('script-src-elem blocked inline'))");
        await page.Context.CloseAsync();
    }
}

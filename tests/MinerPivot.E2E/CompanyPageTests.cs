using Microsoft.Playwright;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

/// <summary>The company page on the demo dataset as of 2026-05-31.</summary>
public class CompanyPageTests(BrowserSession<MinerPivotDemoApp> session) : IClassFixture<BrowserSession<MinerPivotDemoApp>>
{
    private async Task<IPage> OpenAsync(string path)
    {
        var email = await session.App.CreateUserAsync(Roles.Analyst);
        var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword);
        await page.GotoAsync(path);
        await BrowserSession<MinerPivotDemoApp>.WaitForInteractiveAsync(page);
        return page;
    }

    private static async Task AssertTracesAsync(IPage page, string chartId, params (string Name, int Points)[] expected)
    {
        var traces = await PageChecks.TracesAsync(page, chartId);
        Assert.True(expected.Length == traces.Length, $"{chartId}: {string.Join("; ", traces.Select(t => t.ToString()))}");
        Assert.Equal(expected.Select(e => $"{e.Name}:{e.Points}"), traces.Select(t => $"{t.Name}:{t.Points}"));
    }

    [Fact]
    public async Task Core_Scientific_shows_its_verdict_signposts_charts_and_tables()
    {
        var page = await OpenAsync("/companies/CORZ?asOf=2026-05-31");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("CORZ · Core Scientific");
        await Expect(page.Locator(".verdict-line .status-badge")).ToHaveTextAsync("reverting to miner");

        // Every signpost with its explanation and sources; the rule is the name's tooltip.
        var signposts = page.Locator(".signpost-item");
        await Expect(signposts).ToHaveCountAsync(9);
        var momentum = page.Locator(".signpost-item[data-key='colocation_momentum']");
        await Expect(momentum.Locator(".status-badge")).ToHaveTextAsync("met");
        await Expect(momentum.Locator(".signpost-value")).ToHaveTextAsync("+801.2% (target +50%)");
        await Expect(momentum.Locator(".explanation")).ToContainTextAsync("801");
        await Expect(momentum.Locator(".sources")).ToContainTextAsync("Sources:");
        await Expect(momentum.Locator(".signpost-name")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("YoY ≥ \\+50%"));
        await Expect(page.Locator(".signpost-item[data-key='rfs_slippage'] .status-badge")).ToHaveTextAsync("breached");

        // Four charts, with the traces and points the demo data gives (see NOTES.md for the CORZ rows).
        await PageChecks.WaitForChartsAsync(page, 4);
        await AssertTracesAsync(page, "chart-revenue", ("Colocation revenue", 8), ("Mining revenue", 8));
        Assert.Contains("QoQ +147.6%<br>YoY +801.2%", await PageChecks.AnnotationsAsync(page, "chart-revenue"));
        await AssertTracesAsync(page, "chart-mw-funnel",
            ("Gross pipeline (gross MW)", 1), ("Contracted", 2), ("Energized", 2), ("Billable", 1), ("Billable MW target", 2));
        await AssertTracesAsync(page, "chart-rfs-timeline", ("Baseline → current RFS", 2), ("RFS revisions", 4));
        Assert.Contains("today", await PageChecks.AnnotationsAsync(page, "chart-rfs-timeline"));
        // 793 daily closes from 2024-03-30 (a quarter before the first quarter) to 2026-05-31, thinned to every fourth day.
        await AssertTracesAsync(page, "chart-btc-margin",
            ("cost (fill base)", 199), ("Positive margin", 199), ("cost (fill base)", 199), ("Negative margin", 199), ("Cash cost per BTC", 199), ("BTC close", 199));
        // PNG export is Plotly's own mode bar button (shown on hover), named after the chart, company and date.
        await page.Locator("#chart-revenue").HoverAsync();
        var png = await page.RunAndWaitForDownloadAsync(() => page.Locator("#chart-revenue .modebar-btn[data-title^='Download plot']").ClickAsync());
        Assert.Equal("CORZ-revenue-2026-05-31.png", png.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await png.PathAsync());
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

        var tranches = page.Locator("table[aria-label='Tranches'] tbody tr");
        await Expect(tranches).ToHaveCountAsync(2);
        await Expect(tranches.Nth(0)).ToContainTextAsync("DENTON");
        await Expect(tranches.Nth(0)).ToContainTextAsync("+60 d · overdue");
        await Expect(tranches.Nth(0).Locator(".status-badge")).ToHaveTextAsync("critical");
        await Expect(page.Locator("table[aria-label='Contracts'] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table[aria-label='Contracts'] tbody tr")).ToContainTextAsync("590 MW");
        await Expect(page.Locator("table[aria-label='Quarters'] tbody tr").First).ToContainTextAsync("$77.5M");

        await PageChecks.ScreenshotBothWidthsAsync(page, "company-corz");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task The_tranches_export_has_the_tables_rows()
    {
        var page = await OpenAsync("/companies/WULF?asOf=2026-05-31");
        var rows = page.Locator("table[aria-label='Tranches'] tbody tr");
        await Expect(rows).ToHaveCountAsync(6);
        var link = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Tranches" }) }).GetByRole(AriaRole.Link, new() { Name = "Export CSV" });
        var (name, lines) = await PageChecks.DownloadCsvAsync(page, link);
        Assert.Equal("WULF-tranches-2026-05-31.csv", name);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("tranche,site,contract,customer,critical_it_mw,status,baseline_rfs,current_rfs,actual_rfs,slip_days,overdue,severity,revenue_at_risk_usd,source", lines[0]);
        var shown = await rows.Locator("th").AllTextContentsAsync();
        Assert.Equal(shown, lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains(lines, l => l.StartsWith("CORE42-1,", StringComparison.Ordinal) && l.Contains(",2025-06-30,2025-09-30,2025-09-30,92,false,critical,"));
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task Contracts_show_their_kind_on_the_page_and_in_the_export()
    {
        var page = await OpenAsync("/companies/IREN?asOf=2026-05-31");
        var rows = page.Locator("table[aria-label='Contracts'] tbody tr");
        await Expect(rows.Filter(new() { HasText = "Microsoft" }).Locator(".contract-kind")).ToHaveTextAsync("GPU cloud");
        await Expect(rows.Filter(new() { HasText = "NVIDIA" }).Locator(".contract-kind")).ToHaveTextAsync("GPU cloud");
        var link = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Contracts" }) }).GetByRole(AriaRole.Link, new() { Name = "Export CSV" });
        var (_, lines) = await PageChecks.DownloadCsvAsync(page, link);
        Assert.StartsWith("contract,customer,kind,contracted_mw,", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("MSFT,Microsoft,gpu_cloud,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1).Where(l => !l.StartsWith("MSFT,", StringComparison.Ordinal) && !l.StartsWith("NVDA,", StringComparison.Ordinal)),
            l => Assert.Equal("colocation", l.Split(',')[2]));
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task A_company_without_facts_shows_empty_states()
    {
        var page = await OpenAsync("/companies/CLSK?asOf=2026-05-31");
        await Expect(page.Locator(".verdict-line .status-badge")).ToHaveTextAsync("insufficient data");
        await Expect(page.Locator("[data-empty-chart='chart-revenue']")).ToHaveTextAsync("No colocation revenue reported yet.");
        await Expect(page.Locator("[data-empty-chart='chart-mw-funnel']")).ToHaveTextAsync("No MW figures reported yet.");
        await Expect(page.Locator("[data-empty-chart='chart-rfs-timeline']")).ToHaveTextAsync("No tranche with an RFS date yet.");
        await Expect(page.GetByText("No tranches known yet.")).ToBeVisibleAsync();
        await Expect(page.GetByText("No contracts signed yet.")).ToBeVisibleAsync();
        // The BTC chart still draws (the industry average cost applies).
        await PageChecks.WaitForChartsAsync(page, 1);
        await PageChecks.ScreenshotBothWidthsAsync(page, "company-empty");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_ticker_says_so()
    {
        var page = await OpenAsync("/companies/NOPE");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unknown company" })).ToBeVisibleAsync();
        await Expect(page.GetByText("No company has the ticker \"NOPE\".")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

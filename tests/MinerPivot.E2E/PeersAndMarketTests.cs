using Microsoft.Playwright;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

/// <summary>The peers and market pages on the demo dataset as of 2026-05-31.</summary>
public class PeersAndMarketTests(BrowserSession<MinerPivotDemoApp> session) : IClassFixture<BrowserSession<MinerPivotDemoApp>>
{
    private async Task<IPage> OpenAsync(string path)
    {
        var email = await session.App.CreateUserAsync(Roles.Analyst);
        var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword);
        await page.GotoAsync(path);
        await BrowserSession<MinerPivotDemoApp>.WaitForInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task Peers_are_compared_on_calendar_quarters_with_fiscal_labels_in_the_tooltips()
    {
        var page = await OpenAsync("/peers?tickers=CORZ,IREN,WULF&asOf=2026-05-31");
        var rows = page.Locator("table[aria-label='Peers'] tbody tr");
        await Expect(rows.Locator("th a.ticker")).ToHaveTextAsync(["CORZ", "IREN", "WULF"]);
        await Expect(page.Locator("tr[data-ticker='CORZ']")).ToContainTextAsync("$77.5M");
        await Expect(page.Locator("tr[data-ticker='CORZ']")).ToContainTextAsync("243 MW");
        await Expect(page.Locator("tr[data-ticker='IREN']")).ToContainTextAsync("$10.1M/MW-yr");
        await Expect(page.Locator("tr[data-ticker='WULF']")).ToContainTextAsync("+3 d");

        await PageChecks.WaitForChartsAsync(page, 2);
        // Colocation revenue: CORZ 8 quarters, IREN 5 (fiscal June year; its March 2025 → September 2025 gap stays a gap), WULF 3.
        Assert.Equal(["CORZ:8", "IREN:5", "WULF:3"], (await PageChecks.TracesAsync(page, "chart-peers-colocation")).Select(t => $"{t.Name}:{t.Points}"));
        var irenQuarters = await page.EvaluateAsync<string[]>("() => document.getElementById('chart-peers-colocation').data[1].x");
        Assert.Equal(["2024 Q4", "2025 Q1", "2025 Q3", "2025 Q4", "2026 Q1"], irenQuarters);
        var irenTips = await page.EvaluateAsync<string[]>("() => document.getElementById('chart-peers-colocation').data[1].customdata");
        Assert.StartsWith("IREN FQ2 2025 (period end 2024-12-31)", irenTips[0]);
        // Billable MW: only CORZ reports it.
        Assert.Equal(["CORZ:1"], (await PageChecks.TracesAsync(page, "chart-peers-billable")).Select(t => $"{t.Name}:{t.Points}"));

        var (name, lines) = await PageChecks.DownloadCsvAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }));
        Assert.Equal("peers-2026-05-31.csv", name);
        Assert.Equal(["ticker", "CORZ", "IREN", "WULF"], lines.Select(l => l.Split(',')[0]));

        await PageChecks.ScreenshotBothWidthsAsync(page, "peers");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task Unknown_peer_tickers_are_named()
    {
        var page = await OpenAsync("/peers?tickers=CORZ,NOPE&asOf=2026-05-31");
        await Expect(page.Locator(".alert-warning")).ToContainTextAsync("No company has the ticker \"NOPE\"; left out.");
        await Expect(page.Locator("table[aria-label='Peers'] tbody tr")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_market_page_draws_btc_and_the_indicator_series_known_by_the_date()
    {
        var page = await OpenAsync("/market?asOf=2026-05-31");
        // Charts for BTC, the miners ETF, cost per BTC and hashprice/hashcost; series with a single reading are listed.
        await PageChecks.WaitForChartsAsync(page, 4);
        await Expect(page.Locator("[data-readings='chart-semiconductors-usd']")).ToContainTextAsync("semis_sales_forecast_2026_usd$975.5B USD on 2025-12-03");
        await Expect(page.Locator("[data-readings='chart-semiconductors-percent']")).ToContainTextAsync("+26% percent on 2025-12-03");
        // 882 closes from 2024-01-01 to 2026-05-31, thinned to every other day plus the latest.
        Assert.Equal(["hashprice_usd_per_phs_day:2", "miner_median_hashcost_usd_per_phs_day:1"],
            (await PageChecks.TracesAsync(page, "chart-other-indicators-usd-per-ph-s-per-day")).Select(t => $"{t.Name}:{t.Points}"));
        Assert.Equal(["BTC close:442"], (await PageChecks.TracesAsync(page, "chart-btc")).Select(t => $"{t.Name}:{t.Points}"));
        // The 2026-06-30 WGMI values are not known on 2026-05-31.
        Assert.Equal(["wgmi_ytd_price_return_pct:2"], (await PageChecks.TracesAsync(page, "chart-miners-etf")).Select(t => $"{t.Name}:{t.Points}"));
        Assert.Equal(["btc_production_cost_model_usd:1", "public_miner_cash_cost_per_btc_usd:4", "public_miner_median_implied_cost_per_btc_usd:1"],
            (await PageChecks.TracesAsync(page, "chart-cost-to-produce-a-bitcoin")).Select(t => $"{t.Name}:{t.Points}"));
        await Expect(page.Locator("[data-empty-chart='chart-memory-prices']")).ToHaveTextAsync("No memory prices series entered yet.");
        var rows = page.Locator("table[aria-label='Indicator values'] tbody tr");
        await Expect(rows).ToHaveCountAsync(15);
        var (_, lines) = await PageChecks.DownloadCsvAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }));
        Assert.Equal(16, lines.Length);

        await page.GetByLabel("As of").FillAsync("2026-07-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("asOf=2026-07-01"));
        await Expect(rows).ToHaveCountAsync(17);

        await PageChecks.ScreenshotBothWidthsAsync(page, "market");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}

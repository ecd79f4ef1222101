using Microsoft.Playwright;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

/// <summary>
/// The company page on the small fixed dataset (SampleData: a Core Scientific-like CORZ), where every number can be
/// checked by hand: changing the as-of date changes what is known and so the numbers shown.
/// </summary>
public class AsOfTests(BrowserSession<MinerPivotApp> session) : IClassFixture<BrowserSession<MinerPivotApp>>
{
    private async Task<IPage> OpenAsync(string path)
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var email = await session.App.CreateUserAsync(Roles.Analyst);
        var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword);
        await page.GotoAsync(path);
        await BrowserSession<MinerPivotApp>.WaitForInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task Moving_the_as_of_date_before_the_Q1_report_and_the_DEN_B_revision_changes_the_numbers()
    {
        var page = await OpenAsync("/companies/CORZ?asOf=2026-05-31");
        await PageChecks.WaitForChartsAsync(page, 4);
        var momentum = page.Locator(".signpost-item[data-key='colocation_momentum']");
        await Expect(momentum.Locator(".status-badge")).ToHaveTextAsync("met");
        await Expect(momentum.Locator(".signpost-value")).ToHaveTextAsync("+801.2% (target +50%)");
        await Expect(page.Locator(".signpost-item[data-key='billable_mw_target'] .signpost-value")).ToHaveTextAsync("243 MW (target 450 MW)");
        var denB = page.Locator("table[aria-label='Tranches'] tbody tr", new() { HasText = "DEN-B" });
        await Expect(denB).ToContainTextAsync("2026-12-15");
        await Expect(denB).ToContainTextAsync("+76 d");
        await Expect(denB.Locator(".status-badge")).ToHaveTextAsync("major");
        // Five quarters of colocation revenue (no mining revenue in this dataset).
        Assert.Equal(["Colocation revenue:5"], (await PageChecks.TracesAsync(page, "chart-revenue")).Select(t => $"{t.Name}:{t.Points}"));
        Assert.Contains("QoQ +19.2%<br>YoY +801.2%", await PageChecks.AnnotationsAsync(page, "chart-revenue"));
        Assert.Equal(["Baseline → current RFS:2", "RFS revisions:3", "Actual RFS:1"],
            (await PageChecks.TracesAsync(page, "chart-rfs-timeline")).Select(t => $"{t.Name}:{t.Points}"));
        // Four BTC closes; the 2026-05-29 close ($81,000) is above the company's $80,000 cost: margin +1.23%.
        Assert.Equal(6, (await PageChecks.TracesAsync(page, "chart-btc-margin")).Length);
        await Expect(page.Locator(".signpost-item[data-key='mining_margin'] .signpost-value")).ToHaveTextAsync("+1.2% (target +25%)");

        await page.GetByLabel("As of").FillAsync("2026-04-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/companies/CORZ\?asOf=2026-04-30$"));
        await BrowserSession<MinerPivotApp>.WaitForInteractiveAsync(page);
        await PageChecks.WaitForChartsAsync(page, 4);
        // Q1 2026 (reported 2026-05-07) is not known yet: Q4 2025 $65M is the latest, with no year-ago quarter.
        await Expect(momentum.Locator(".status-badge")).ToHaveTextAsync("on track");
        await Expect(momentum.Locator(".explanation")).ToContainTextAsync("65");
        await Expect(page.Locator(".signpost-item[data-key='billable_mw_target'] .signpost-value")).ToHaveTextAsync("200 MW (target 450 MW)");
        // The 2026-05-01 revision of DEN-B is not announced yet: no slip.
        await Expect(denB).ToContainTextAsync("2026-09-30");
        await Expect(denB).ToContainTextAsync("0 d");
        await Expect(denB.Locator(".status-badge")).ToHaveTextAsync("none");
        Assert.Equal(["Colocation revenue:4"], (await PageChecks.TracesAsync(page, "chart-revenue")).Select(t => $"{t.Name}:{t.Points}"));
        Assert.Equal(["Baseline → current RFS:2", "RFS revisions:2", "Actual RFS:1"],
            (await PageChecks.TracesAsync(page, "chart-rfs-timeline")).Select(t => $"{t.Name}:{t.Points}"));
        Assert.Contains("as of 2026-04-30", await PageChecks.AnnotationsAsync(page, "chart-rfs-timeline"));
        // BTC $76,000 (2026-04-15) vs the company's $80,000: margin −5.26%.
        await Expect(page.Locator(".signpost-item[data-key='mining_margin'] .signpost-value")).ToHaveTextAsync("−5.3% (target +25%)");
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task The_board_on_the_sample_data_shows_the_hand_checked_statuses()
    {
        var page = await OpenAsync("/?asOf=2026-05-31");
        var corz = page.Locator("tr[data-ticker='CORZ']");
        // DEN-B's 76-day slip breaches rfs_slippage, an execution failure: watch.
        await Expect(corz.Locator(".verdict-cell")).ToHaveTextAsync("watch");
        await Expect(corz.Locator("td[data-key='colocation_momentum']")).ToContainTextAsync("met");
        await Expect(corz.Locator("td[data-key='colocation_momentum']")).ToContainTextAsync("+801.2%");
        await Expect(corz.Locator("td[data-key='rfs_slippage']")).ToContainTextAsync("breached");
        await Expect(page.Locator("tr[data-ticker='HUT'] .verdict-cell")).ToHaveTextAsync("insufficient data");
        await page.Context.CloseAsync();
    }
}

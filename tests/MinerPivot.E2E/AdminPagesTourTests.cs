using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

/// <summary>Every admin page on the demo dataset, at desktop and narrow width: it renders its heading, data and no errors.</summary>
public class AdminPagesTourTests(BrowserSession<MinerPivotDemoApp> session) : IClassFixture<BrowserSession<MinerPivotDemoApp>>
{
    [Fact]
    public async Task Every_admin_page_shows_its_data_at_desktop_and_narrow_width_without_errors()
    {
        string corzQuarter, denton, cw;
        await using (var db = await AdminSupport.DbAsync(session.App))
        {
            corzQuarter = (await db.QuarterlyFigures.SingleAsync(q => q.Company!.Ticker == "CORZ" && q.PeriodEnd == new DateOnly(2026, 3, 31))).Id.ToString();
            denton = (await db.Tranches.SingleAsync(t => t.Code == "DENTON")).Id.ToString();
            cw = (await db.Contracts.SingleAsync(c => c.Code == "CW" && c.Company!.Ticker == "CORZ")).Id.ToString();
        }
        var pages = new (string Path, string Heading, string Shows, string Name)[]
        {
            ("/admin", "Admin", "Quarterly figures", "admin-home"),
            ("/admin/companies", "Companies", "Core Scientific", "admin-companies"),
            ("/admin/sites", "Sites", "Denton", "admin-sites"),
            ("/admin/contracts", "Contracts", "CoreWeave", "admin-contracts"),
            ($"/admin/contracts/{cw}", "Contract CORZ CW", "Events", "admin-contract-edit"),
            ("/admin/tranches", "Tranches", "DENTON", "admin-tranches"),
            ($"/admin/tranches/{denton}", "Tranche CORZ DENTON", "RFS revision history", "admin-tranche-edit"),
            ("/admin/quarters?company=CORZ", "Quarterly figures", "Q1 2026", "admin-quarters"),
            ($"/admin/quarters/{corzQuarter}", "Quarter CORZ 2026-03-31", "Colocation revenue", "admin-quarter-stored"),
            ("/admin/quarters/new", "New quarter", "Period end", "admin-quarter-new"),
            ("/admin/prices", "BTC prices", "2026-06-30", "admin-prices"),
            ("/admin/targets", "Targets", "billable MW", "admin-targets"),
            ("/admin/indicators", "Indicators", "wgmi", "admin-indicators"),
            ("/admin/import", "Import & export", "Drop CSV files here", "admin-import"),
            ("/admin/audit", "Audit trail", "demo-seed", "admin-audit"),
        };
        var page = await session.SignedInPageAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword);
        foreach (var (path, heading, shows, name) in pages)
        {
            await AdminSupport.GotoInteractiveAsync(page, path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator("main")).ToContainTextAsync(shows);
            await AdminSupport.ScreenshotsAsync(page, name);
        }
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}

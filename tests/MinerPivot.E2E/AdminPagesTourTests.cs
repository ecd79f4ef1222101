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
            ("/admin/prices", "BTC prices", "2026-08-21", "admin-prices"),
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

    [Fact]
    public async Task A_list_filters_by_company_sorts_by_a_column_and_pages_with_the_state_in_the_address()
    {
        var page = await AdminSupport.AdminPageAsync(session, "/admin/quarters");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Quarterly figures" });
        await Expect(page.Locator(".list-toolbar")).ToContainTextAsync("21 quarters");

        await page.GetByLabel("Company").SelectOptionAsync("WULF");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("company=WULF"));
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator(".list-toolbar")).ToContainTextAsync("3 quarters");

        await table.GetByRole(AriaRole.Link, new() { Name = "Colocation revenue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=colocation_revenue_usd"));
        await Expect(table.Locator("tbody tr").First).ToContainTextAsync("Q3 2025");
        await table.GetByRole(AriaRole.Link, new() { Name = "Colocation revenue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("desc=true"));
        await Expect(table.Locator("tbody tr").First).ToContainTextAsync("Q1 2026");

        await AdminSupport.GotoInteractiveAsync(page, "/admin/prices");
        var prices = page.GetByRole(AriaRole.Table, new() { Name = "BTC prices" });
        await Expect(prices.Locator("tbody tr").First).ToContainTextAsync("2026-08-21");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next ›" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Page 2" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(prices.Locator("tbody tr").First).ToContainTextAsync("2026-07-27");
        await page.GetByLabel("Year").SelectOptionAsync("2024");
        await Expect(prices.Locator("tbody tr").First).ToContainTextAsync("2024-12-31");
        await Expect(page.Locator(".list-toolbar")).ToContainTextAsync("366 BTC prices");
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}

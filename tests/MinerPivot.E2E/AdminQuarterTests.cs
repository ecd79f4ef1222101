using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

public class AdminQuarterTests(BrowserSession<MinerPivotApp> session) : IClassFixture<BrowserSession<MinerPivotApp>>
{
    [Fact]
    public async Task An_admin_enters_a_quarter_with_money_written_naturally_and_sees_it_formatted_back()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var page = await AdminSupport.AdminPageAsync(session, "/admin/quarters/new");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New quarter" });

        await form.GetByLabel("Company").SelectOptionAsync(SampleData.EmptyTicker);
        // Defaults: the latest quarter end before today (2026-05-31), its label, reported today.
        await Expect(form.GetByLabel("Period end")).ToHaveValueAsync("2026-03-31");
        await Expect(form.GetByLabel("Fiscal label")).ToHaveValueAsync("Q1 2026");
        await Expect(form.GetByLabel("Reported on")).ToHaveValueAsync("2026-05-31");

        await form.GetByLabel("Colocation revenue").FillAsync("77.5M");
        await Expect(form.Locator("#quarters-colocation-revenue-usd-hint")).ToHaveTextAsync("= $77.5M");
        await form.GetByLabel("Mining revenue").FillAsync("$1.2B");
        await form.GetByLabel("Billable MW").FillAsync("1,243.5");
        await form.GetByLabel("Source").FillAsync("Hut 8 Q1 2026 results (2026-05-31)");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(AdminSupport.Toast(page, "HUT 2026-03-31 is saved")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quarter HUT 2026-03-31" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Colocation revenue")).ToHaveValueAsync("77,500,000");
        await Expect(page.GetByLabel("Mining revenue")).ToHaveValueAsync("1,200,000,000");
        await Expect(page.GetByLabel("Billable MW")).ToHaveValueAsync("1,243.5");

        await using var db = await AdminSupport.DbAsync(session.App);
        var stored = await db.QuarterlyFigures.SingleAsync(q => q.Company!.Ticker == SampleData.EmptyTicker);
        Assert.Equal(77_500_000m, stored.ColocationRevenueUsd);
        Assert.Equal(1_200_000_000m, stored.MiningRevenueUsd);
        Assert.Equal(1243.5m, stored.BillableMw);
        Assert.Equal(new DateOnly(2026, 5, 31), stored.ReportedOn);
        Assert.Equal("Q1 2026", stored.FiscalLabel);

        await AdminSupport.ScreenshotsAsync(page, "admin-quarter-edit");
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}

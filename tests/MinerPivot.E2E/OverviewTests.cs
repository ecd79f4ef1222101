using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinerPivot.Core.Domain;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

public class OverviewTests(BrowserSession<MinerPivotApp> session) : IClassFixture<BrowserSession<MinerPivotApp>>
{
    [Fact]
    public async Task An_analyst_signs_in_and_sees_each_company_with_its_latest_quarter()
    {
        await SeedTwoCompaniesAsync();
        var email = await session.App.CreateUserAsync(Roles.Analyst);

        foreach (var (width, height, suffix) in new[] { (1400, 900, "desktop"), (390, 844, "narrow") })
        {
            var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword, width, height);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Companies" })).ToBeVisibleAsync();
            var rows = page.Locator("table[aria-label='Companies and their latest quarter'] tbody tr");
            await Expect(rows).ToHaveCountAsync(2);
            // Sorted by ticker: CLSK (no quarter yet), then CORZ.
            await Expect(rows.Nth(0)).ToContainTextAsync("CLSK");
            await Expect(rows.Nth(0)).ToContainTextAsync("none reported");
            await Expect(rows.Nth(1)).ToContainTextAsync("CORZ");
            await Expect(rows.Nth(1)).ToContainTextAsync("Q1 2026");
            await Expect(rows.Nth(1)).ToContainTextAsync("$77.5M");
            await Expect(rows.Nth(1)).ToContainTextAsync("243 MW");
            await Screenshots.SaveAsync(page, $"overview-{suffix}");
            await Screenshots.AssertNoHorizontalOverflowAsync(page);
            await page.Context.CloseAsync();
        }
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task The_as_of_date_hides_a_quarter_reported_after_it()
    {
        await SeedTwoCompaniesAsync();
        var email = await session.App.CreateUserAsync(Roles.Analyst);
        var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword);
        await page.GotoAsync("/?asOf=2026-05-01");
        var corz = page.Locator("tbody tr", new() { HasText = "CORZ" });
        await Expect(corz).ToContainTextAsync("Q4 2025");
        await Expect(corz).Not.ToContainTextAsync("$77.5M");
        await page.Context.CloseAsync();
    }

    private async Task SeedTwoCompaniesAsync()
    {
        var factory = session.App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<MinerPivotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (db.Companies.Any())
        {
            return;
        }
        var corz = new Company { Ticker = "CORZ", Name = "Core Scientific", FiscalYearEndMonth = 12 };
        corz.Quarters.Add(new QuarterlyFigure
        {
            PeriodEnd = new(2025, 12, 31), FiscalLabel = "Q4 2025", ReportedOn = new(2026, 3, 2), ColocationRevenueUsd = 65_000_000m, Source = "test Q4",
        });
        corz.Quarters.Add(new QuarterlyFigure
        {
            PeriodEnd = new(2026, 3, 31), FiscalLabel = "Q1 2026", ReportedOn = new(2026, 5, 6), ColocationRevenueUsd = 77_500_000m, BillableMw = 243m, Source = "test Q1",
        });
        db.Companies.AddRange(corz, new Company { Ticker = "CLSK", Name = "CleanSpark", FiscalYearEndMonth = 9 });
        await db.SaveChangesAsync();
    }
}

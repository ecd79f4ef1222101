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

    [Fact]
    public async Task Bad_values_are_named_at_their_field_as_they_are_typed_and_nothing_is_saved()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var id = await QuarterIdAsync(new DateOnly(2026, 3, 31));
        var page = await AdminSupport.AdminPageAsync(session, $"/admin/quarters/{id}");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Quarter CORZ 2026-03-31" });
        await Expect(form.GetByLabel("Colocation revenue")).ToHaveValueAsync("77,500,000");

        await form.GetByLabel("Colocation revenue").FillAsync("-5M");
        await Expect(form.Locator(".invalid-feedback", new() { HasText = "Colocation revenue is negative; money cannot be negative." })).ToBeVisibleAsync();
        await form.GetByLabel("Billable MW").FillAsync("2 4 3 MW");
        await Expect(form.Locator(".invalid-feedback", new() { HasText = "'2 4 3 MW' is not a number. Write it like 1,300 or 243.5." })).ToBeVisibleAsync();
        await form.GetByLabel("Reported on").FillAsync("2026-03-01");
        await Expect(form.Locator(".invalid-feedback", new() { HasText = "Reported on is before period end (2026-03-31); figures are reported after the quarter ends." }))
            .ToBeVisibleAsync();
        await form.GetByLabel("Source").FillAsync("");
        await Expect(form.Locator(".invalid-feedback", new() { HasText = "Source is required but empty." })).ToBeVisibleAsync();
        await Expect(form.GetByLabel("Colocation revenue")).ToHaveAttributeAsync("aria-invalid", "true");

        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(form.Locator(".form-error")).ToContainTextAsync("Nothing was saved: correct the fields marked in red.");
        await AdminSupport.ScreenshotsAsync(page, "admin-quarter-invalid");

        await using var db = await AdminSupport.DbAsync(session.App);
        var stored = await db.QuarterlyFigures.SingleAsync(q => q.Id == int.Parse(id));
        Assert.Equal(77_500_000m, stored.ColocationRevenueUsd);
        Assert.Equal(243m, stored.BillableMw);
        Assert.Equal(new DateOnly(2026, 5, 7), stored.ReportedOn);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == "quarter" && a.Action == "update"));
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task When_two_admins_save_the_same_quarter_the_second_sees_what_changed_and_keeps_their_values()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var id = await QuarterIdAsync(new DateOnly(2025, 12, 31));
        var other = await session.App.CreateUserAsync(MinerPivot.Data.Roles.Admin);
        var first = await AdminSupport.AdminPageAsync(session, $"/admin/quarters/{id}");
        var second = await session.SignedInPageAsync(other, MinerPivotApp.UserPassword);
        await AdminSupport.GotoInteractiveAsync(second, $"/admin/quarters/{id}");

        // Both loaded $65M. The first admin saves $80M.
        await first.GetByLabel("Colocation revenue").FillAsync("80M");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(AdminSupport.Toast(first, "CORZ 2025-12-31 is saved")).ToBeVisibleAsync();

        // The second, still on the old version, enters $70M and 210 billable MW: refused, with what changed.
        await second.GetByLabel("Colocation revenue").FillAsync("70,000,000");
        await second.GetByLabel("Billable MW").FillAsync("210");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var conflict = second.Locator(".conflict");
        await Expect(conflict).ToContainTextAsync("Not saved: someone else changed this quarter");
        await Expect(conflict).ToContainTextAsync($"by {MinerPivotApp.AdminEmail}");
        var changed = conflict.GetByRole(AriaRole.Row, new() { Name = "Colocation revenue" });
        await Expect(changed).ToContainTextAsync("$65,000,000");
        await Expect(changed).ToContainTextAsync("$80,000,000");
        await Expect(changed).ToContainTextAsync("$70,000,000");
        await Expect(second.GetByLabel("Colocation revenue")).ToHaveValueAsync("70,000,000");
        await AdminSupport.ScreenshotsAsync(second, "admin-quarter-conflict");
        await using (var db = await AdminSupport.DbAsync(session.App))
        {
            var stored = await db.QuarterlyFigures.AsNoTracking().SingleAsync(q => q.Id == int.Parse(id));
            Assert.Equal(80_000_000m, stored.ColocationRevenueUsd);
            Assert.Equal(200m, stored.BillableMw);
        }

        await second.GetByRole(AriaRole.Button, new() { Name = "Save my changes over theirs" }).ClickAsync();
        await Expect(AdminSupport.Toast(second, "CORZ 2025-12-31 is saved")).ToBeVisibleAsync();
        await Expect(second.Locator(".conflict")).ToHaveCountAsync(0);

        await using (var db = await AdminSupport.DbAsync(session.App))
        {
            var stored = await db.QuarterlyFigures.AsNoTracking().SingleAsync(q => q.Id == int.Parse(id));
            Assert.Equal(70_000_000m, stored.ColocationRevenueUsd);
            Assert.Equal(210m, stored.BillableMw);
            var updates = await db.AuditEntries.Where(a => a.EntityType == "quarter" && a.EntityKey == "CORZ 2025-12-31" && a.Action == "update")
                .OrderBy(a => a.Id).Select(a => a.UserName).ToListAsync();
            Assert.Equal([MinerPivotApp.AdminEmail, other], updates);
        }
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task Delete_asks_first_and_is_refused_while_other_rows_depend_on_the_row()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var page = await AdminSupport.AdminPageAsync(session, "/admin/companies");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {SampleData.Ticker}" }).ClickAsync();
        var dialog = page.Locator(".modal-dialog", new() { HasText = $"Delete company {SampleData.Ticker}?" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {SampleData.Ticker}" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.Locator(".list-message")).ToContainTextAsync(
            "CORZ was not deleted: CORZ still has 1 site, 1 contract, 2 tranches, 5 quarters and 1 target. Delete those first.");
        await AdminSupport.ScreenshotsAsync(page, "admin-companies-refused");

        // A quarter has nothing depending on it: after the confirmation it is gone.
        await AdminSupport.GotoInteractiveAsync(page, $"/admin/quarters?company={SampleData.Ticker}");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Quarterly figures" }).Locator("tbody tr");
        var before = await rows.CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete CORZ Q2 2025" }).ClickAsync();
        await page.Locator(".modal-dialog", new() { HasText = "Delete quarter CORZ 2025-06-30?" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(AdminSupport.Toast(page, "CORZ 2025-06-30 is deleted")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(before - 1);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Quarterly figures" })).Not.ToContainTextAsync("Q2 2025");

        await using var db = await AdminSupport.DbAsync(session.App);
        Assert.True(await db.Companies.AnyAsync(c => c.Ticker == SampleData.Ticker));
        Assert.False(await db.QuarterlyFigures.AnyAsync(q => q.Company!.Ticker == SampleData.Ticker && q.PeriodEnd == new DateOnly(2025, 6, 30)));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "delete" && a.EntityKey == "CORZ 2025-06-30"));
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    private async Task<string> QuarterIdAsync(DateOnly periodEnd)
    {
        await using var db = await AdminSupport.DbAsync(session.App);
        return (await db.QuarterlyFigures.SingleAsync(q => q.Company!.Ticker == SampleData.Ticker && q.PeriodEnd == periodEnd)).Id.ToString();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

public class AdminRfsRevisionTests(BrowserSession<MinerPivotApp> session) : IClassFixture<BrowserSession<MinerPivotApp>>
{
    [Fact]
    public async Task Revising_an_RFS_date_adds_a_revision_and_a_mistaken_one_is_withdrawn_by_another_never_edited()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        string id;
        await using (var db = await AdminSupport.DbAsync(session.App))
        {
            id = (await db.Tranches.SingleAsync(t => t.Code == "DEN-B")).Id.ToString();
        }
        var page = await AdminSupport.AdminPageAsync(session, $"/admin/tranches/{id}");
        var history = page.GetByRole(AriaRole.Table, new() { Name = "RFS revisions" });
        await Expect(history.Locator("tbody tr")).ToHaveCountAsync(2);
        // Nothing in the history can be edited or deleted.
        await Expect(history.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await Expect(history.Locator("input, textarea, select")).ToHaveCountAsync(0);

        var revise = page.GetByRole(AriaRole.Form, new() { Name = "Revise RFS date" });
        // An announcement date that is already recorded is refused: a stored revision is never changed.
        await revise.GetByLabel("Announced on").FillAsync("2026-05-01");
        await revise.GetByLabel("RFS date").FillAsync("2027-01-31");
        await revise.GetByLabel("Source").FillAsync("Core Scientific Q1 2026 call");
        await revise.GetByRole(AriaRole.Button, new() { Name = "Add revision" }).ClickAsync();
        await Expect(revise.Locator(".invalid-feedback")).ToContainTextAsync("RFS revision CORZ DEN-B 2026-05-01 is already recorded and is never changed.");

        await revise.GetByLabel("Announced on").FillAsync("2026-05-20");
        await revise.GetByLabel("Note").FillAsync("Transformer delivery slipped");
        await revise.GetByRole(AriaRole.Button, new() { Name = "Add revision" }).ClickAsync();
        await Expect(AdminSupport.Toast(page, "CORZ DEN-B 2026-05-20 is saved")).ToBeVisibleAsync();
        var added = history.Locator("tbody tr").Nth(2);
        await Expect(added).ToContainTextAsync("2026-05-20");
        await Expect(added).ToContainTextAsync("2027-01-31");
        await Expect(added).ToContainTextAsync("current");
        await Expect(added).ToContainTextAsync("+123 days");
        await Expect(added).ToContainTextAsync("Transformer delivery slipped");

        // The 2026-05-20 revision was a mistake: withdraw it. The form proposes the date that applied before it.
        await added.GetByRole(AriaRole.Button, new() { Name = "Withdraw the revision announced on 2026-05-20" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Withdraw the revision announced on 2026-05-20" })).ToBeVisibleAsync();
        await Expect(revise.GetByLabel("Announced on")).ToHaveValueAsync("2026-05-31");
        await Expect(revise.GetByLabel("RFS date")).ToHaveValueAsync("2026-12-15");
        await Expect(revise.GetByLabel("Note")).ToHaveValueAsync("Withdraws the revision announced on 2026-05-20 (entered in error).");
        await revise.GetByLabel("Source").FillAsync("Admin correction: the 2026-05-20 entry was for another tranche");
        await revise.GetByRole(AriaRole.Button, new() { Name = "Add withdrawal" }).ClickAsync();
        await Expect(AdminSupport.Toast(page, "CORZ DEN-B 2026-05-31 is saved")).ToBeVisibleAsync();

        await Expect(history.Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(history.Locator("tbody tr").Nth(2)).ToContainTextAsync("withdrawn on 2026-05-31");
        await Expect(history.Locator("tbody tr").Nth(3)).ToContainTextAsync("2026-12-15");
        await Expect(history.Locator("tbody tr").Nth(3)).ToContainTextAsync("current");
        await AdminSupport.ScreenshotsAsync(page, "admin-tranche-revisions");

        await using (var db = await AdminSupport.DbAsync(session.App))
        {
            var revisions = await db.RfsRevisions.Where(r => r.Tranche!.Code == "DEN-B").OrderBy(r => r.AnnouncedOn)
                .Select(r => new { r.AnnouncedOn, r.RfsDate }).ToListAsync();
            Assert.Equal(
                [(new DateOnly(2025, 1, 15), new DateOnly(2026, 9, 30)), (new DateOnly(2026, 5, 1), new DateOnly(2026, 12, 15)),
                 (new DateOnly(2026, 5, 20), new DateOnly(2027, 1, 31)), (new DateOnly(2026, 5, 31), new DateOnly(2026, 12, 15))],
                revisions.Select(r => (r.AnnouncedOn, r.RfsDate)));
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "rfs_revision" && a.Action == "create"));
        }
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task A_new_tranche_offers_the_chosen_companys_sites_and_contracts_and_checks_status_against_actual_rfs()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var page = await AdminSupport.AdminPageAsync(session, "/admin/tranches/new");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New tranche" });
        await Expect(form.GetByLabel("Site")).ToContainTextAsync("Choose a company first");

        await form.GetByLabel("Company").SelectOptionAsync(SampleData.Ticker);
        await Expect(form.GetByLabel("Site").Locator("option")).ToHaveTextAsync(["Choose a site", "Denton TX"]);
        await Expect(form.GetByLabel("Contract").Locator("option")).ToHaveTextAsync(["No contract", "CW1"]);
        await form.GetByLabel("Site").SelectOptionAsync("Denton TX");
        await form.GetByLabel("Contract").SelectOptionAsync("CW1");
        await form.GetByLabel("Tranche code").FillAsync("DEN-C");
        await form.GetByLabel("Customer").FillAsync("CoreWeave");
        await form.GetByLabel("Critical IT MW").FillAsync("120");
        await form.GetByLabel("Status").SelectOptionAsync("billable");
        await form.GetByLabel("Source").FillAsync("Core Scientific Q1 2026 results");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(form.Locator(".invalid-feedback", new() { HasText = "status billable needs actual RFS, the date the tranche became ready for service." })).ToBeVisibleAsync();

        await form.GetByLabel("Actual RFS").FillAsync("2026-05-15");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(AdminSupport.Toast(page, "CORZ DEN-C is saved")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tranche CORZ DEN-C" })).ToBeVisibleAsync();
        await Expect(page.Locator(".empty-state")).ToContainTextAsync("No RFS date announced yet.");

        await using var db = await AdminSupport.DbAsync(session.App);
        var stored = await db.Tranches.Include(t => t.Site).Include(t => t.Contract).SingleAsync(t => t.Code == "DEN-C");
        Assert.Equal(("Denton TX", "CW1", 120m, new DateOnly(2026, 5, 15)), (stored.Site!.Name, stored.Contract!.Code, stored.CriticalItMw, stored.ActualRfs!.Value));
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}

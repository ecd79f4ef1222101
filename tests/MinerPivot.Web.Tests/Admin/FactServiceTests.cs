using Microsoft.EntityFrameworkCore;
using MinerPivot.Web.Features.Admin;
using MinerPivot.Web.Tests.Import;

namespace MinerPivot.Web.Tests.Admin;

/// <summary>The forms' server side: the importer's rules again (with references), xmin conflicts, append-only kinds, guarded deletes, lists.</summary>
public class FactServiceTests
{
    private static async Task<FactRecord> QuarterAsync(AdminDatabase database, string ticker, DateOnly periodEnd)
    {
        var id = (await database.Lists.QuartersAsync(new ListQuery(ticker))).Items.Single(q => q.Row.PeriodEnd == periodEnd).Id;
        return (await database.Facts.LoadAsync(AdminKinds.Quarters, id))!;
    }

    [Fact]
    public async Task The_server_refuses_what_the_importer_refuses_including_references_and_writes_nothing()
    {
        var database = await AdminDatabase.WithDemoDataAsync();
        var denton = (await database.Lists.TranchesAsync(new ListQuery("CORZ"))).Items.Single(t => t.Row.Tranche == "DENTON");
        var tranche = (await database.Facts.LoadAsync(AdminKinds.Tranches, denton.Id))!;

        var outcome = await database.Facts.SaveAsync(AdminKinds.Tranches, tranche.Id, tranche.Version,
            AdminDatabase.With(tranche, ("site", "Nowhere"), ("status", "billable"), ("critical_it_mw", "260.1234")), AdminDatabase.Admin);

        var errors = Assert.IsType<SaveOutcome.Invalid>(outcome).Errors;
        Assert.Equal(["actual_rfs", "critical_it_mw", "site"], errors.Select(e => e.Column).Order(StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Message == "Unknown site 'Nowhere' of CORZ: it is neither in sites.csv nor in the database.");
        Assert.Contains(errors, e => e.Message.StartsWith("status billable needs actual_rfs", StringComparison.Ordinal));
        Assert.Equal(tranche.Cells, (await database.Facts.LoadAsync(AdminKinds.Tranches, denton.Id))!.Cells);
    }

    [Fact]
    public async Task A_second_key_is_refused_with_the_row_that_has_it_and_append_only_rows_cannot_change()
    {
        var database = await AdminDatabase.WithDemoDataAsync();
        var q1 = await QuarterAsync(database, "CORZ", new DateOnly(2026, 3, 31));

        var twice = Assert.IsType<SaveOutcome.Invalid>(await database.Facts.SaveAsync(AdminKinds.Quarters, null, 0,
            new Dictionary<string, string?>(q1.Cells), AdminDatabase.Admin));
        Assert.Equal(q1.Id, twice.ExistingId);
        Assert.Equal("Quarter CORZ 2026-03-31 already exists; each Company, Period end may be entered once. Open it to change it.", Assert.Single(twice.Errors).Message);

        var revisionId = (await database.Lists.RevisionsOfAsync(
            (await database.Lists.TranchesAsync(new ListQuery("CORZ"))).Items.Single(t => t.Row.Tranche == "DENTON").Id))[0].Id;
        var revision = (await database.Facts.LoadAsync(AdminKinds.RfsRevisions, revisionId))!;
        var edit = Assert.IsType<SaveOutcome.Invalid>(await database.Facts.SaveAsync(AdminKinds.RfsRevisions, revision.Id, 0,
            AdminDatabase.With(revision, ("rfs_date", "2026-01-31")), AdminDatabase.Admin));
        Assert.StartsWith("RFS revisions are append-only", Assert.Single(edit.Errors).Message);
        var again = Assert.IsType<SaveOutcome.Invalid>(await database.Facts.SaveAsync(AdminKinds.RfsRevisions, null, 0,
            AdminDatabase.With(revision, ("rfs_date", "2026-01-31")), AdminDatabase.Admin));
        Assert.Equal("RFS revision CORZ DENTON 2025-05-07 is already recorded and is never changed. Enter the new one with its own announced on.",
            Assert.Single(again.Errors).Message);
        Assert.Null(again.ExistingId);
        Assert.Equal("2025-12-31", (await database.Facts.LoadAsync(AdminKinds.RfsRevisions, revisionId))!.Cells["rfs_date"]);
    }

    [Fact]
    public async Task A_save_on_an_old_version_is_a_conflict_showing_the_stored_values_and_who_saved_them()
    {
        var database = await AdminDatabase.WithDemoDataAsync();
        var opened = await QuarterAsync(database, "CORZ", new DateOnly(2025, 12, 31));
        await database.SaveAsync(AdminKinds.Quarters, AdminDatabase.With(opened, ("colocation_revenue_usd", "80000000")), opened.Id, opened.Version,
            AdminDatabase.OtherAdmin);

        var conflict = Assert.IsType<SaveOutcome.Conflict>(await database.Facts.SaveAsync(AdminKinds.Quarters, opened.Id, opened.Version,
            AdminDatabase.With(opened, ("colocation_revenue_usd", "70000000")), AdminDatabase.Admin));

        Assert.Equal("80000000", conflict.Stored!.Cells["colocation_revenue_usd"]);
        Assert.NotEqual(opened.Version, conflict.Stored.Version);
        Assert.Equal(new LastChange(AdminDatabase.OtherAdmin, database.Clock.GetUtcNow(), "update"), conflict.By);
        // Saving again on the version the conflict showed goes through.
        await database.SaveAsync(AdminKinds.Quarters, AdminDatabase.With(conflict.Stored, ("colocation_revenue_usd", "70000000")),
            opened.Id, conflict.Stored.Version);
        Assert.Equal("70000000", (await QuarterAsync(database, "CORZ", new DateOnly(2025, 12, 31))).Cells["colocation_revenue_usd"]);

        var stale = Assert.IsType<DeleteOutcome.Conflict>(await database.Facts.DeleteAsync(AdminKinds.Quarters, opened.Id, opened.Version, AdminDatabase.Admin));
        Assert.Equal("70000000", stale.Stored!.Cells["colocation_revenue_usd"]);
    }

    [Fact]
    public async Task Saving_a_row_someone_deleted_is_a_conflict_without_stored_values()
    {
        var database = await AdminDatabase.WithDemoDataAsync();
        var opened = await QuarterAsync(database, "WULF", new DateOnly(2025, 9, 30));
        Assert.IsType<DeleteOutcome.Deleted>(await database.Facts.DeleteAsync(AdminKinds.Quarters, opened.Id, opened.Version, AdminDatabase.OtherAdmin));

        var conflict = Assert.IsType<SaveOutcome.Conflict>(await database.Facts.SaveAsync(AdminKinds.Quarters, opened.Id, opened.Version,
            AdminDatabase.With(opened, ("billable_mw", "10")), AdminDatabase.Admin));

        Assert.Null(conflict.Stored);
        Assert.Equal("delete", conflict.By!.Action);
    }

    [Fact]
    public async Task Deletes_are_refused_while_other_rows_depend_on_the_row_naming_them()
    {
        var database = await AdminDatabase.WithDemoDataAsync();
        var site = (await database.Lists.SitesAsync(new ListQuery("WULF"))).Items.Single(s => s.Row.Site == "Lake Mariner CB-3/CB-4");
        var contract = (await database.Lists.ContractsAsync(new ListQuery("CORZ"))).Items.Single();
        var tranche = (await database.Lists.TranchesAsync(new ListQuery("CORZ"))).Items.Single(t => t.Row.Tranche == "DENTON");

        Assert.Equal("Site Lake Mariner CB-3/CB-4 still has tranches CB34-PH1 and CB34-PH2. Move or delete them first.",
            Assert.IsType<DeleteOutcome.Refused>(await database.Facts.DeleteAsync(AdminKinds.Sites, site.Id, site.Version, AdminDatabase.Admin)).Reason);
        Assert.Equal("Contract CW still has 2 events and tranches DENTON and MUSKOGEE. Delete those first.",
            Assert.IsType<DeleteOutcome.Refused>(await database.Facts.DeleteAsync(AdminKinds.Contracts, contract.Id, contract.Version, AdminDatabase.Admin)).Reason);
        Assert.Equal("Tranche DENTON has 2 RFS revisions, and revisions are never deleted. Set its status to cancelled instead.",
            Assert.IsType<DeleteOutcome.Refused>(await database.Facts.DeleteAsync(AdminKinds.Tranches, tranche.Id, tranche.Version, AdminDatabase.Admin)).Reason);
        await using var db = database.Db();
        Assert.Equal(DemoFiles.RowCount("sites.csv"), await db.Sites.CountAsync());
    }

    [Fact]
    public async Task Lists_filter_by_company_sort_by_a_column_either_way_and_page()
    {
        var database = await AdminDatabase.WithDemoDataAsync();

        var corz = await database.Lists.QuartersAsync(new ListQuery("CORZ", "colocation_revenue_usd", Desc: true));
        Assert.Equal(8, corz.Total);
        Assert.Equal(77_500_000m, corz.Items[0].Row.ColocationRevenueUsd);
        Assert.All(corz.Items, q => Assert.Equal("CORZ", q.Row.Ticker));
        var ascending = await database.Lists.QuartersAsync(new ListQuery("CORZ", "colocation_revenue_usd"));
        Assert.Equal(corz.Items.Select(q => q.Id).Reverse(), ascending.Items.Select(q => q.Id));

        var prices = await database.Lists.PricesAsync(new ListQuery(Page: 2));
        Assert.Equal((964, 2, FactLists.PageSize, 39), (prices.Total, prices.Page, prices.Items.Count, prices.PageCount));
        Assert.Equal(new DateOnly(2026, 7, 27), prices.Items[0].Row.Date);
        var y2024 = await database.Lists.PricesAsync(new ListQuery("2024", "date", Page: 99));
        Assert.Equal((366, 15), (y2024.Total, y2024.Page));
        Assert.Equal(new DateOnly(2024, 12, 31), y2024.Items[^1].Row.Date);

        var byCurrentRfs = await database.Lists.TranchesAsync(new ListQuery("CORZ", "rfs_date", Desc: true));
        Assert.Equal(["MUSKOGEE", "DENTON"], byCurrentRfs.Items.Select(t => t.Row.Tranche));
        var denton = byCurrentRfs.Items[1];
        Assert.Equal((new DateOnly(2025, 12, 31), new DateOnly(2026, 3, 1), 2), (denton.BaselineRfs!.Value, denton.CurrentRfs!.Value, denton.Revisions));
        Assert.Empty((await database.Lists.SitesAsync(new ListQuery("NOPE"))).Items);
    }
}

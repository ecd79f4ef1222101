using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Web.Features.Admin;

namespace MinerPivot.Web.Tests.Admin;

/// <summary>Every create, update, delete and import made in the admin workspace leaves one audit entry, written with the change.</summary>
public class AuditTrailTests
{
    private static Dictionary<string, string?> Cells(params (string Column, string? Value)[] cells) => cells.ToDictionary(c => c.Column, c => c.Value);

    private static async Task<List<AuditEntry>> EntriesAsync(AdminDatabase database)
    {
        await using var db = database.Db();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    private static Dictionary<string, string?> Json(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string?>>(json)!;

    [Fact]
    public async Task Each_kind_records_who_when_what_and_the_values_of_a_create_an_update_and_a_delete()
    {
        var database = await AdminDatabase.CreateAsync();
        var company = await database.SaveAsync(AdminKinds.Companies, Cells(("ticker", "NEWCO"), ("name", "New Co"), ("fiscal_year_end_month", "6")));
        var site = await database.SaveAsync(AdminKinds.Sites, Cells(("ticker", "NEWCO"), ("site", "Abilene"), ("location", "Abilene, TX"),
            ("gross_mw", "200"), ("source", "NEWCO PR 2026-01-05")));
        var contract = await database.SaveAsync(AdminKinds.Contracts, Cells(("ticker", "NEWCO"), ("contract", "HS1"), ("customer", "Hyperscaler"),
            ("contracted_mw", "100"), ("signed_on", "2026-01-05"), ("source", "NEWCO PR 2026-01-05")));
        var contractEvent = await database.SaveAsync(AdminKinds.ContractEvents, Cells(("ticker", "NEWCO"), ("contract", "HS1"), ("event", "signed"),
            ("event_on", "2026-01-05"), ("mw_change", "100"), ("source", "NEWCO PR 2026-01-05")));
        var tranche = await database.SaveAsync(AdminKinds.Tranches, Cells(("ticker", "NEWCO"), ("site", "Abilene"), ("tranche", "AB-1"),
            ("contract", "HS1"), ("customer", "Hyperscaler"), ("critical_it_mw", "100"), ("status", "planned"), ("source", "NEWCO PR 2026-01-05")));
        var revision = await database.SaveAsync(AdminKinds.RfsRevisions, Cells(("ticker", "NEWCO"), ("tranche", "AB-1"), ("announced_on", "2026-01-05"),
            ("rfs_date", "2027-01-31"), ("source", "NEWCO PR 2026-01-05")));
        var quarter = await database.SaveAsync(AdminKinds.Quarters, Cells(("ticker", "NEWCO"), ("period_end", "2026-03-31"), ("fiscal_label", "FQ3 2026"),
            ("reported_on", "2026-05-12"), ("colocation_revenue_usd", "12500000"), ("source", "NEWCO FQ3 2026 10-Q")));
        var price = await database.SaveAsync(AdminKinds.Prices, Cells(("date", "2026-05-29"), ("close_usd", "81000.25"), ("source", "exchange close")));
        var target = await database.SaveAsync(AdminKinds.Targets, Cells(("ticker", "NEWCO"), ("kind", "billable_mw"), ("target_value", "100"),
            ("deadline", "2027-06-30"), ("announced_on", "2026-01-05"), ("source", "NEWCO PR 2026-01-05")));
        var indicator = await database.SaveAsync(AdminKinds.Indicators, Cells(("series", "wgmi_ytd_price_return_pct"), ("date", "2026-05-29"),
            ("value", "-12.5"), ("unit", "percent"), ("source", "fund page")));

        var created = await EntriesAsync(database);
        Assert.Equal(
            ["company", "site", "contract", "contract_event", "tranche", "rfs_revision", "quarter", "btc_price", "target", "indicator"],
            created.Select(a => a.EntityType));
        Assert.All(created, a =>
        {
            Assert.Equal("create", a.Action);
            Assert.Equal(AdminDatabase.Admin, a.UserName);
            Assert.Equal(database.Clock.GetUtcNow(), a.At);
            Assert.Null(a.OldValues);
        });
        Assert.Equal(
            ["NEWCO", "NEWCO Abilene", "NEWCO HS1", "NEWCO HS1 signed 2026-01-05", "NEWCO AB-1", "NEWCO AB-1 2026-01-05", "NEWCO 2026-03-31",
             "2026-05-29", "NEWCO billable_mw 2027-06-30", "wgmi_ytd_price_return_pct 2026-05-29"],
            created.Select(a => a.EntityKey));
        var quarterCreated = Json(created[6].NewValues);
        Assert.Equal("12500000", quarterCreated["colocation_revenue_usd"]);
        Assert.Equal("NEWCO FQ3 2026 10-Q", quarterCreated["source"]);
        Assert.Null(quarterCreated["billable_mw"]);

        // An update records only the columns that changed, old and new; the time is the clock's.
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        await database.SaveAsync(AdminKinds.Quarters, AdminDatabase.With(quarter, ("colocation_revenue_usd", "13000000"), ("billable_mw", "40")),
            quarter.Id, quarter.Version, AdminDatabase.OtherAdmin);
        var update = (await EntriesAsync(database)).Last();
        Assert.Equal(("update", "quarter", "NEWCO 2026-03-31", AdminDatabase.OtherAdmin), (update.Action, update.EntityType, update.EntityKey, update.UserName));
        Assert.Equal(database.Clock.GetUtcNow(), update.At);
        Assert.Equal(new Dictionary<string, string?> { ["colocation_revenue_usd"] = "12500000", ["billable_mw"] = null }, Json(update.OldValues));
        Assert.Equal(new Dictionary<string, string?> { ["colocation_revenue_usd"] = "13000000", ["billable_mw"] = "40" }, Json(update.NewValues));

        // Saving the same values again changes nothing and records nothing.
        var stored = (await database.Facts.LoadAsync(AdminKinds.Quarters, quarter.Id))!;
        Assert.IsType<SaveOutcome.Unchanged>(await database.Facts.SaveAsync(AdminKinds.Quarters, stored.Id, stored.Version,
            new Dictionary<string, string?>(stored.Cells), AdminDatabase.Admin));

        // Deletes, children first; each entry keeps the row's last values. Revisions are never deleted.
        foreach (var (kind, record) in new (AdminKind, FactRecord)[]
                 {
                     (AdminKinds.Indicators, indicator), (AdminKinds.Targets, target), (AdminKinds.Prices, price),
                     (AdminKinds.Quarters, (await database.Facts.LoadAsync(AdminKinds.Quarters, quarter.Id))!), (AdminKinds.ContractEvents, contractEvent),
                 })
        {
            Assert.IsType<DeleteOutcome.Deleted>(await database.Facts.DeleteAsync(kind, record.Id, record.Version, AdminDatabase.Admin));
        }
        Assert.IsType<DeleteOutcome.Refused>(await database.Facts.DeleteAsync(AdminKinds.RfsRevisions, revision.Id, 0, AdminDatabase.Admin));
        var all = await EntriesAsync(database);
        var deletes = all.Where(a => a.Action == "delete").ToList();
        Assert.Equal(["indicator", "target", "btc_price", "quarter", "contract_event"], deletes.Select(a => a.EntityType));
        Assert.All(deletes, a => Assert.Null(a.NewValues));
        Assert.Equal("13000000", Json(deletes[3].OldValues)["colocation_revenue_usd"]);
        Assert.Equal("-12.5", Json(deletes[0].OldValues)["value"]);
        Assert.Equal(10 + 1 + 5, all.Count);
        _ = (company, site, contract, tranche);
    }

    [Fact]
    public async Task A_refused_save_a_conflict_and_a_refused_delete_write_nothing_at_all()
    {
        var database = await AdminDatabase.WithDemoDataAsync();
        await using (var db = database.Db())
        {
            db.AuditEntries.RemoveRange(db.AuditEntries);
            await db.SaveChangesAsync();
        }
        var corz = (await database.Lists.CompaniesAsync(new ListQuery("CORZ"))).Items.Single();
        var quarterId = (await database.Lists.QuartersAsync(new ListQuery("CORZ"))).Items.First(q => q.Row.PeriodEnd == new DateOnly(2026, 3, 31)).Id;
        var quarter = (await database.Facts.LoadAsync(AdminKinds.Quarters, quarterId))!;

        var invalid = await database.Facts.SaveAsync(AdminKinds.Quarters, quarter.Id, quarter.Version,
            AdminDatabase.With(quarter, ("colocation_revenue_usd", "-1")), AdminDatabase.Admin);
        await database.SaveAsync(AdminKinds.Quarters, AdminDatabase.With(quarter, ("capex_usd", "1000")), quarter.Id, quarter.Version, AdminDatabase.OtherAdmin);
        var stale = await database.Facts.SaveAsync(AdminKinds.Quarters, quarter.Id, quarter.Version,
            AdminDatabase.With(quarter, ("colocation_revenue_usd", "1")), AdminDatabase.Admin);
        var refused = await database.Facts.DeleteAsync(AdminKinds.Companies, corz.Id, corz.Version, AdminDatabase.Admin);

        Assert.IsType<SaveOutcome.Invalid>(invalid);
        Assert.IsType<SaveOutcome.Conflict>(stale);
        Assert.Equal("CORZ still has 4 sites, 1 contract, 2 tranches, 8 quarters and 2 targets. Delete those first.",
            Assert.IsType<DeleteOutcome.Refused>(refused).Reason);
        var entries = await EntriesAsync(database);
        Assert.Equal("update", Assert.Single(entries).Action);
        await using (var db = database.Db())
        {
            Assert.Equal(77_500_000m, (await db.QuarterlyFigures.SingleAsync(q => q.Id == int.Parse(quarterId))).ColocationRevenueUsd);
            Assert.True(await db.Companies.AnyAsync(c => c.Ticker == "CORZ"));
        }
    }

    [Fact]
    public async Task An_import_records_one_entry_with_the_rows_per_file_and_the_audit_page_lists_and_filters_it()
    {
        var database = await AdminDatabase.WithDemoDataAsync();
        database.Clock.Advance(TimeSpan.FromDays(1));
        var result = await database.ImportExport.ImportAsync(
            [new UploadedFile("quarterly.csv", "ticker,period_end,fiscal_label,reported_on,colocation_revenue_usd,source\nCORZ,2026-03-31,Q1 2026,2026-05-06,78000000,restated\n"u8.ToArray())],
            AdminDatabase.Admin);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var quarter = (await database.Lists.QuartersAsync(new ListQuery("CORZ"))).Items.First(q => q.Row.PeriodEnd == new DateOnly(2026, 3, 31));
        await database.SaveAsync(AdminKinds.Quarters, AdminDatabase.With((await database.Facts.LoadAsync(AdminKinds.Quarters, quarter.Id))!,
            ("billable_mw", "250")), quarter.Id, quarter.Version);

        var imports = await database.Audit.ListAsync(new AuditQuery(Action: "import", User: AdminDatabase.Admin));
        var import = Assert.Single(imports.Items);
        Assert.Equal("quarterly.csv", import.EntityKey);
        Assert.Equal(new AuditChange("quarterly.csv", null, "0 new, 1 updated, 0 unchanged"), Assert.Single(import.Changes));

        var all = await database.Audit.ListAsync(new AuditQuery());
        Assert.Equal(["update", "import", "import"], all.Items.Select(a => a.Action));
        Assert.Equal([AdminDatabase.Admin, AdminDatabase.Admin, "demo-seed"], all.Items.Select(a => a.UserName));
        var update = all.Items[0];
        // The import's file had no billable_mw column: not reported, so it was emptied.
        Assert.Equal([new AuditChange("billable_mw", null, "250")], update.Changes);

        Assert.Single((await database.Audit.ListAsync(new AuditQuery(Type: "quarter", Key: "corz 2026"))).Items);
        Assert.Equal(2, (await database.Audit.ListAsync(new AuditQuery(From: new DateOnly(2026, 6, 1)))).Total);
        Assert.Equal(1, (await database.Audit.ListAsync(new AuditQuery(To: new DateOnly(2026, 5, 31)))).Total);
        Assert.Equal(["demo-seed", AdminDatabase.Admin], (await database.Audit.FilterOptionsAsync()).Users.Order(StringComparer.Ordinal).Reverse());
    }
}

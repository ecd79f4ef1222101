using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;
using MinerPivot.Data.Import;
using MinerPivot.Web.Features.Admin;
using MinerPivot.Web.Tests.Import;
using Npgsql;

namespace MinerPivot.Web.Tests.Admin;

/// <summary>
/// The contract kind column through every place the catalog drives: import, export, the admin form and list, the audit
/// trail and storage; and every catalog column has a stored property.
/// </summary>
public class ContractKindTests
{
    private static Dictionary<string, string?> Json(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string?>>(json)!;

    private static async Task<string> ExportedContractsAsync(AdminDatabase database)
    {
        await using var zip = await database.ImportExport.ExportZipAsync(ticker: null);
        using var archive = new ZipArchive(zip);
        using var reader = new StreamReader(archive.GetEntry(ImportFormat.Contracts)!.Open());
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task The_demo_import_stores_IRENs_Microsoft_and_NVIDIA_deals_as_gpu_cloud_and_the_export_writes_the_column()
    {
        var database = await AdminDatabase.WithDemoDataAsync();

        await using (var db = database.Db())
        {
            var kinds = await db.Contracts.AsNoTracking().Select(c => new { c.Company!.Ticker, c.Code, c.Kind }).ToListAsync();
            Assert.Equal(["IREN MSFT", "IREN NVDA"], kinds.Where(c => c.Kind == ContractKind.GpuCloud).Select(c => $"{c.Ticker} {c.Code}").Order());
            Assert.Equal(DemoFiles.RowCount(ImportFormat.Contracts) - 2, kinds.Count(c => c.Kind == ContractKind.Colocation));
        }
        var exported = (await ExportedContractsAsync(database)).Split('\n');
        Assert.EndsWith(",source,kind", exported[0]);
        Assert.EndsWith(",gpu_cloud", Assert.Single(exported, l => l.StartsWith("IREN,MSFT,", StringComparison.Ordinal)));
        Assert.EndsWith(",colocation", Assert.Single(exported, l => l.StartsWith("CORZ,CW,", StringComparison.Ordinal)));

        var list = await database.Lists.ContractsAsync(new ListQuery("IREN", Sort: "kind", Desc: true));
        Assert.Equal([ContractKind.GpuCloud, ContractKind.GpuCloud], list.Items.Select(i => i.Row.Kind));
    }

    [Fact]
    public async Task A_file_without_the_column_imports_as_colocation_and_an_unknown_kind_is_refused_with_nothing_written()
    {
        var database = await AdminDatabase.CreateAsync();
        var header = "ticker,contract,customer,contracted_mw,term_years,total_value_usd,annualized_revenue_usd,signed_on,full_delivery_by,source";
        var without = await database.ImportExport.ImportAsync(
        [
            new UploadedFile(ImportFormat.Companies, "ticker,name,fiscal_year_end_month\nNEWCO,New Co,12\n"u8.ToArray()),
            new UploadedFile(ImportFormat.Contracts, System.Text.Encoding.UTF8.GetBytes($"{header}\nNEWCO,HS1,Hyperscaler,100,,,,2026-01-05,,PR\n")),
        ], AdminDatabase.Admin);
        Assert.True(without.Succeeded, string.Join("\n", without.Errors));

        var refused = await database.ImportExport.ImportAsync(
            [new UploadedFile(ImportFormat.Contracts, System.Text.Encoding.UTF8.GetBytes($"{header},kind\nNEWCO,HS1,Hyperscaler,100,,,,2026-01-05,,PR,hyperscale\n"))],
            AdminDatabase.Admin);

        var error = Assert.Single(refused.Errors);
        Assert.Equal((ImportFormat.Contracts, 2, "kind", "hyperscale"), (error.File, error.Line, error.Column, error.Value));
        await using var db = database.Db();
        Assert.Equal(ContractKind.Colocation, (await db.Contracts.SingleAsync()).Kind);
    }

    [Fact]
    public async Task The_form_saves_a_kind_the_list_shows_it_and_the_audit_trail_records_it_on_create_and_update()
    {
        var database = await AdminDatabase.CreateAsync();
        await database.SaveAsync(AdminKinds.Companies, new() { ["ticker"] = "NEWCO", ["name"] = "New Co", ["fiscal_year_end_month"] = "12" });
        Assert.Equal(FieldInput.Word, AdminKinds.Contracts.Field("kind").Input);
        Assert.Equal(["colocation", "gpu_cloud", "build_to_suit"], AdminKinds.Contracts.Field("kind").Words);

        var created = await database.SaveAsync(AdminKinds.Contracts, new()
        {
            ["ticker"] = "NEWCO", ["contract"] = "GPU1", ["customer"] = "AI Lab", ["contracted_mw"] = "50", ["signed_on"] = "2026-02-01",
            ["source"] = "PR", ["kind"] = "gpu_cloud",
        });
        Assert.Equal("gpu_cloud", created.Cells["kind"]);
        Assert.Equal(ContractKind.GpuCloud, Assert.Single((await database.Lists.ContractsAsync(new ListQuery("NEWCO"))).Items).Row.Kind);

        await database.SaveAsync(AdminKinds.Contracts, AdminDatabase.With(created, ("kind", "build_to_suit")), created.Id, created.Version);

        var invalid = Assert.IsType<SaveOutcome.Invalid>(await database.Facts.SaveAsync(AdminKinds.Contracts, created.Id, 0,
            AdminDatabase.With(created, ("kind", "hyperscale")), AdminDatabase.Admin));
        Assert.Equal("kind 'hyperscale' is not one of: colocation, gpu_cloud, build_to_suit.", Assert.Single(invalid.Errors).Message);

        await using var db = database.Db();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "contract").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["create", "update"], entries.Select(a => a.Action));
        Assert.Equal("gpu_cloud", Json(entries[0].NewValues)["kind"]);
        Assert.Equal(new Dictionary<string, string?> { ["kind"] = "gpu_cloud" }, Json(entries[1].OldValues));
        Assert.Equal(new Dictionary<string, string?> { ["kind"] = "build_to_suit" }, Json(entries[1].NewValues));
        var page = await database.Audit.ListAsync(new AuditQuery(Type: "contract"));
        Assert.Contains(page.Items, r => r.Changes.Contains(new AuditChange("kind", "gpu_cloud", "build_to_suit")));
        Assert.Equal(ContractKind.BuildToSuit, (await db.Contracts.SingleAsync()).Kind);
    }

    [Fact]
    public async Task Storage_defaults_to_colocation_and_refuses_any_other_word()
    {
        var database = await AdminDatabase.CreateAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO companies (ticker, name, fiscal_year_end_month) VALUES ('NEWCO', 'New Co', 12); " +
            "INSERT INTO contracts (company_id, code, customer, contracted_mw, signed_on, source) " +
            "SELECT id, 'HS1', 'Hyperscaler', 100, DATE '2026-01-05', 'PR' FROM companies", connection))
        {
            await insert.ExecuteNonQueryAsync();
        }
        await using (var read = new NpgsqlCommand("SELECT kind FROM contracts", connection))
        {
            Assert.Equal("colocation", await read.ExecuteScalarAsync());
        }

        await using var update = new NpgsqlCommand("UPDATE contracts SET kind = 'hyperscale'", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Equal("ck_contracts_kind", refused.ConstraintName);
    }

    [Fact]
    public async Task Every_column_of_the_catalog_has_a_stored_property_or_a_reference()
    {
        var database = await AdminDatabase.CreateAsync();
        await using var db = database.Db();

        Assert.Equal(FactKinds.All, EntityMaps.All.Select(m => m.Kind));
        Assert.All(EntityMaps.All, map => map.PlainColumns(db.Model));
        var kind = Assert.Single(EntityMaps.Contracts.PlainColumns(db.Model), p => p.Column.Name == "kind");
        Assert.Equal(nameof(Contract.Kind), kind.Property.Name);
    }
}

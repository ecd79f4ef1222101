using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Import;
using MinerPivot.Web.Features.Admin;

namespace MinerPivot.Web.Tests.Admin;

/// <summary>Export → import into an empty database → export gives the same files, for data entered through the forms too.</summary>
public class ExportImportRoundTripTests
{
    private static async Task<Dictionary<string, byte[]>> UnzipAsync(MemoryStream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in archive.Entries)
        {
            using var content = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(content);
            }
            files[entry.FullName] = content.ToArray();
        }
        return files;
    }

    private static async Task<Dictionary<string, int>> CountsAsync(AdminDatabase database)
    {
        await using var db = database.Db();
        return new()
        {
            ["companies"] = await db.Companies.CountAsync(), ["sites"] = await db.Sites.CountAsync(), ["contracts"] = await db.Contracts.CountAsync(),
            ["events"] = await db.ContractEvents.CountAsync(), ["tranches"] = await db.Tranches.CountAsync(), ["revisions"] = await db.RfsRevisions.CountAsync(),
            ["quarters"] = await db.QuarterlyFigures.CountAsync(), ["prices"] = await db.BtcPrices.CountAsync(), ["targets"] = await db.Targets.CountAsync(),
            ["indicators"] = await db.IndicatorValues.CountAsync(),
        };
    }

    [Fact]
    public async Task All_data_exported_and_imported_into_an_empty_database_exports_to_the_same_bytes()
    {
        var source = await AdminDatabase.WithDemoDataAsync();
        // Values a form can produce that a round trip could lose: cents, quotes, commas, line breaks, non-ASCII, negative indicators.
        await source.SaveAsync(AdminKinds.Companies, new() { ["ticker"] = "BRK.B", ["name"] = "Bläck, \"Rock\" & Co", ["fiscal_year_end_month"] = "6" });
        await source.SaveAsync(AdminKinds.Quarters, new()
        {
            ["ticker"] = "BRK.B", ["period_end"] = "2026-03-31", ["fiscal_label"] = "FQ3 2026", ["reported_on"] = "2026-05-12",
            ["colocation_revenue_usd"] = "77500000.05", ["btc_produced"] = "12.3456", ["billable_mw"] = "0.001", ["source"] = "10-Q, p. 3\n“Colocation” line",
        });
        var denton = (await source.Lists.TranchesAsync(new ListQuery("CORZ"))).Items.Single(t => t.Row.Tranche == "DENTON");
        await source.SaveAsync(AdminKinds.RfsRevisions, new()
        {
            ["ticker"] = "CORZ", ["tranche"] = "DENTON", ["announced_on"] = "2026-05-31", ["rfs_date"] = "2025-12-31",
            ["source"] = "Admin correction", ["note"] = "Withdraws the revision announced on 2025-12-16 (entered in error).\tSee \"WSJ\"",
        });
        await source.SaveAsync(AdminKinds.Indicators, new() { ["series"] = "wgmi_close", ["date"] = "2026-05-29", ["value"] = "-0.000001", ["unit"] = "USD", ["source"] = "  padded  " });
        _ = denton;

        var exported = await UnzipAsync(await source.ImportExport.ExportZipAsync(null));
        Assert.Equal(ImportFormat.FileNames, exported.Keys);

        var target = await AdminDatabase.CreateAsync();
        var imported = await target.ImportExport.ImportAsync([.. exported.Select(f => new UploadedFile(f.Key, f.Value))], AdminDatabase.Admin);
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        Assert.All(imported.Files, f => Assert.Equal(0, f.Updated + f.Unchanged));

        var reexported = await UnzipAsync(await target.ImportExport.ExportZipAsync(null));
        foreach (var file in ImportFormat.FileNames)
        {
            Assert.True(exported[file].AsSpan().SequenceEqual(reexported[file]), $"{file} differs after the round trip");
        }
        Assert.Equal(await CountsAsync(source), await CountsAsync(target));
        var quarter = (await target.Lists.QuartersAsync(new ListQuery("BRK.B"))).Items.Single().Row;
        Assert.Equal((77_500_000.05m, 12.3456m, 0.001m, "10-Q, p. 3\n“Colocation” line"),
            (quarter.ColocationRevenueUsd!.Value, quarter.BtcProduced!.Value, quarter.BillableMw!.Value, quarter.Source));

        // Importing the same files again changes nothing.
        var again = await target.ImportExport.ImportAsync([.. exported.Select(f => new UploadedFile(f.Key, f.Value))], AdminDatabase.Admin);
        Assert.All(again.Files, f => Assert.Equal((0, 0), (f.Inserted, f.Updated)));
    }

    [Fact]
    public async Task One_company_exported_and_imported_into_an_empty_database_exports_to_the_same_bytes()
    {
        var source = await AdminDatabase.WithDemoDataAsync();
        var exported = await UnzipAsync(await source.ImportExport.ExportZipAsync("wulf"));
        Assert.Equal("ticker,name,fiscal_year_end_month\nWULF,TeraWulf,12\n", System.Text.Encoding.UTF8.GetString(exported[ImportFormat.Companies]));

        var target = await AdminDatabase.CreateAsync();
        var imported = await target.ImportExport.ImportAsync([.. exported.Select(f => new UploadedFile(f.Key, f.Value))], AdminDatabase.Admin);
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        var reexported = await UnzipAsync(await target.ImportExport.ExportZipAsync("WULF"));

        Assert.All(ImportFormat.FileNames, file => Assert.True(exported[file].AsSpan().SequenceEqual(reexported[file]), $"{file} differs"));
        Assert.Equal(3, (await target.Lists.QuartersAsync(new ListQuery("WULF"))).Total);
    }
}

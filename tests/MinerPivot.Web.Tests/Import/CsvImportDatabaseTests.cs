using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.Data.Import;
using MinerPivot.TestSupport;
using Npgsql;

namespace MinerPivot.Web.Tests.Import;

/// <summary>The importer and exporter against PostgreSQL; every test has its own migrated database.</summary>
public class CsvImportDatabaseTests
{
    private static readonly string[] Tables =
        ["companies", "sites", "contracts", "contract_events", "tranches", "rfs_revisions", "quarterly_figures", "btc_prices", "targets", "indicator_values"];

    private static async Task<string> NewDatabaseAsync() => await TestPostgres.CreateMigratedDatabaseAsync("imp");

    private static async Task<ImportResult> ImportAsync(string connectionString, IEnumerable<ImportFile> files, string user = "admin@test.local")
    {
        await using var db = TestPostgres.CreateContext(connectionString);
        return await new CsvImporter(db).ImportAsync(files, user);
    }

    private static async Task<Dictionary<string, long>> CountRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }

    /// <summary>Every row's xmin: it changes whenever a row is written, so equal snapshots mean nothing was touched.</summary>
    private static async Task<List<string>> RowVersionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var versions = new List<string>();
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand($"SELECT ctid::text || ':' || xmin::text FROM {table} ORDER BY ctid", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                versions.Add(table + " " + reader.GetString(0));
            }
        }
        return versions;
    }

    private static async Task<string> ExportDirectoryAsync(string connectionString)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"mp-export-{Guid.NewGuid():N}");
        await using var db = TestPostgres.CreateContext(connectionString);
        await new CsvExporter(db).WriteDirectoryAsync(directory);
        return directory;
    }

    [Fact]
    public async Task Importing_the_demo_dataset_inserts_every_row_of_every_file()
    {
        var database = await NewDatabaseAsync();

        var result = await ImportAsync(database, DemoFiles.All());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.False(result.IsPreview);
        Assert.Equal(ImportFormat.FileNames, result.Files.Select(f => f.File));
        foreach (var file in ImportFormat.FileNames)
        {
            Assert.Equal(new ImportFileCounts(file, DemoFiles.RowCount(file), 0, 0), result.For(file));
        }
        var counts = await CountRowsAsync(database);
        Assert.Equal(ImportFormat.FileNames.Select(f => (long)DemoFiles.RowCount(f)), Tables.Select(t => counts[t]));
    }

    [Fact]
    public async Task Imported_values_are_stored_exactly_with_nulls_for_empty_cells()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());

        await using var db = TestPostgres.CreateContext(database);
        var denton = await db.Sites.Include(s => s.Company).SingleAsync(s => s.Company!.Ticker == "CORZ" && s.Name == "Denton");
        Assert.Equal(394m, denton.GrossMw);
        Assert.Null(denton.CriticalItMw);
        Assert.Equal(new DateOnly(2021, 10, 7), denton.AcquiredOn);
        var q = await db.QuarterlyFigures.SingleAsync(q => q.Company!.Ticker == "CORZ" && q.PeriodEnd == new DateOnly(2024, 6, 30));
        Assert.Equal(5_500_000m, q.ColocationRevenueUsd);
        Assert.Equal(110_700_000m, q.MiningRevenueUsd);
        Assert.Null(q.BtcProduced);
        Assert.Equal(42830.90m, (await db.BtcPrices.SingleAsync(p => p.Date == new DateOnly(2024, 1, 3))).CloseUsd);
        Assert.Equal(-43m, (await db.IndicatorValues.SingleAsync(i => i.Series == "wgmi_ytd_price_return_pct" && i.Date == new DateOnly(2025, 3, 31))).Value);
        var billable = await db.Tranches.Include(t => t.Contract).Include(t => t.Site).Where(t => t.Status == TrancheStatus.Billable).ToListAsync();
        Assert.All(billable, t => Assert.NotNull(t.ActualRfs));
        var denton260 = await db.Tranches.Include(t => t.Revisions).SingleAsync(t => t.Code == "DENTON");
        Assert.Equal([new DateOnly(2025, 12, 31), new DateOnly(2026, 3, 1)], denton260.Revisions.OrderBy(r => r.AnnouncedOn).Select(r => r.RfsDate));
    }

    [Fact]
    public async Task A_bad_file_leaves_the_database_unchanged()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());
        var before = await RowVersionsAsync(database);

        var result = await ImportAsync(database,
        [
            DemoFiles.File(ImportFormat.Companies, "ticker,name,fiscal_year_end_month\nNEWCO,New Co,12\nCORZ,Core Scientific (renamed),12\n"),
            DemoFiles.File(ImportFormat.BtcPrices, "date,close_usd,source\n2030-01-01,100000,src\n"),
            DemoFiles.File(ImportFormat.Tranches,
                "ticker,site,tranche,contract,customer,critical_it_mw,status,actual_rfs,source\nNEWCO,Nowhere,T1,,Someone,10,billable,,src\n"),
        ]);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Files);
        Assert.Equal(
            [(ImportFormat.Tranches, 2, "actual_rfs"), (ImportFormat.Tranches, 2, "site")],
            result.Errors.Select(e => (e.File, e.Line, e.Column)).Order());
        Assert.Equal(before, await RowVersionsAsync(database));
        await using var db = TestPostgres.CreateContext(database);
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_refused_change_to_an_append_only_file_leaves_the_other_files_unwritten_too()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());
        var before = await RowVersionsAsync(database);
        var revisions = DemoFiles.Text(ImportFormat.RfsRevisions).Replace("CORZ,MUSKOGEE,2024-11-25,2026-12-31", "CORZ,MUSKOGEE,2024-11-25,2027-06-30");

        var result = await ImportAsync(database,
        [
            DemoFiles.File(ImportFormat.Companies, "ticker,name,fiscal_year_end_month\nNEWCO,New Co,12\n"),
            DemoFiles.File(ImportFormat.RfsRevisions, revisions),
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ImportFormat.RfsRevisions, 4, "rfs_date", "2027-06-30"), (error.File, error.Line, error.Column, error.Value));
        Assert.Contains("append-only", error.Message);
        Assert.Contains("rfs_date '2026-12-31'", error.Message);
        Assert.Equal(before, await RowVersionsAsync(database));
    }

    [Fact]
    public async Task Reimporting_the_same_files_changes_nothing()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());
        var before = await RowVersionsAsync(database);

        var result = await ImportAsync(database, DemoFiles.All());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        foreach (var file in ImportFormat.FileNames)
        {
            Assert.Equal(new ImportFileCounts(file, 0, 0, DemoFiles.RowCount(file)), result.For(file));
        }
        Assert.Equal(before, await RowVersionsAsync(database));
    }

    [Fact]
    public async Task An_upsert_updates_changed_values_and_leaves_the_rest()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());
        var quarterly = DemoFiles.Text(ImportFormat.Quarterly)
            .Replace("CORZ,2024-06-30,Q2 2024,2025-08-08,5500000,", "CORZ,2024-06-30,Q2 2024,2025-08-08,5600000.25,");
        var sites = DemoFiles.Text(ImportFormat.Sites).Replace("CORZ,Muskogee,\"Muskogee, OK\",2022-02-04,100,70,", "CORZ,Muskogee,\"Muskogee, OK\",2022-02-04,100,,");
        Assert.NotEqual(DemoFiles.Text(ImportFormat.Quarterly), quarterly);
        Assert.NotEqual(DemoFiles.Text(ImportFormat.Sites), sites);

        var result = await ImportAsync(database, [DemoFiles.File(ImportFormat.Quarterly, quarterly), DemoFiles.File(ImportFormat.Sites, sites)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new ImportFileCounts(ImportFormat.Sites, 0, 1, DemoFiles.RowCount(ImportFormat.Sites) - 1), result.For(ImportFormat.Sites));
        Assert.Equal(new ImportFileCounts(ImportFormat.Quarterly, 0, 1, DemoFiles.RowCount(ImportFormat.Quarterly) - 1), result.For(ImportFormat.Quarterly));
        await using var db = TestPostgres.CreateContext(database);
        var q = await db.QuarterlyFigures.SingleAsync(q => q.Company!.Ticker == "CORZ" && q.PeriodEnd == new DateOnly(2024, 6, 30));
        Assert.Equal(5_600_000.25m, q.ColocationRevenueUsd);
        Assert.Equal(DemoFiles.RowCount(ImportFormat.Quarterly), await db.QuarterlyFigures.CountAsync());
        var muskogee = await db.Sites.SingleAsync(s => s.Name == "Muskogee");
        Assert.Null(muskogee.CriticalItMw);
        Assert.Equal(100m, muskogee.GrossMw);
    }

    [Fact]
    public async Task A_tranche_can_be_moved_to_another_status_and_contract_by_upsert()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());

        var result = await ImportAsync(database,
        [
            DemoFiles.File(ImportFormat.Tranches,
                "ticker,site,tranche,contract,customer,critical_it_mw,status,actual_rfs,source\n" +
                "CORZ,Denton,DENTON,,CoreWeave,260,billable,2026-04-15,later source\n"),
        ]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new ImportFileCounts(ImportFormat.Tranches, 0, 1, 0), result.For(ImportFormat.Tranches));
        await using var db = TestPostgres.CreateContext(database);
        var denton = await db.Tranches.SingleAsync(t => t.Code == "DENTON");
        Assert.Equal((TrancheStatus.Billable, new DateOnly(2026, 4, 15), (int?)null, "later source"), (denton.Status, denton.ActualRfs, denton.ContractId, denton.Source));
    }

    [Fact]
    public async Task Append_only_files_skip_identical_rows_and_add_new_ones()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());
        var revisions = DemoFiles.Text(ImportFormat.RfsRevisions) + "CORZ,MUSKOGEE,2026-08-06,2027-03-31,Later PR,Slipped a quarter.\n";

        var result = await ImportAsync(database, [DemoFiles.File(ImportFormat.RfsRevisions, revisions)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new ImportFileCounts(ImportFormat.RfsRevisions, 1, 0, DemoFiles.RowCount(ImportFormat.RfsRevisions)), result.For(ImportFormat.RfsRevisions));
        await using var db = TestPostgres.CreateContext(database);
        var muskogee = await db.Tranches.Include(t => t.Revisions).SingleAsync(t => t.Code == "MUSKOGEE");
        Assert.Equal([new DateOnly(2026, 12, 31), new DateOnly(2026, 6, 30), new DateOnly(2027, 3, 31)], muskogee.Revisions.OrderBy(r => r.AnnouncedOn).Select(r => r.RfsDate));
    }

    [Fact]
    public async Task Preview_counts_new_and_changed_rows_and_writes_nothing()
    {
        var database = await NewDatabaseAsync();
        await using (var db = TestPostgres.CreateContext(database))
        {
            var preview = await new CsvImporter(db).PreviewAsync(DemoFiles.All());

            Assert.True(preview.IsPreview);
            Assert.True(preview.Succeeded);
            Assert.Equal(DemoFiles.RowCount(ImportFormat.BtcPrices), preview.For(ImportFormat.BtcPrices)!.Inserted);
        }
        Assert.All(await CountRowsAsync(database), kv => Assert.Equal(0, kv.Value));

        await ImportAsync(database, DemoFiles.All());
        var companies = DemoFiles.Text(ImportFormat.Companies).Replace("CORZ,Core Scientific,12", "CORZ,Core Scientific Inc.,12") + "NEWCO,New Co,3\n";
        await using (var db = TestPostgres.CreateContext(database))
        {
            var preview = await new CsvImporter(db).PreviewAsync([DemoFiles.File(ImportFormat.Companies, companies)]);

            Assert.Equal(new ImportFileCounts(ImportFormat.Companies, 1, 1, 11), Assert.Single(preview.Files));
            Assert.Equal("Core Scientific", (await db.Companies.SingleAsync(c => c.Ticker == "CORZ")).Name);
            Assert.Equal(12, await db.Companies.CountAsync());
        }
    }

    [Fact]
    public async Task A_preview_with_errors_lists_them_and_still_counts_the_valid_rows()
    {
        var database = await NewDatabaseAsync();
        await using var db = TestPostgres.CreateContext(database);

        var preview = await new CsvImporter(db).PreviewAsync(
        [
            DemoFiles.File(ImportFormat.Companies, "ticker,name,fiscal_year_end_month\nCORZ,Core Scientific,12\nbad,Bad,12\n"),
        ]);

        Assert.False(preview.Succeeded);
        Assert.Equal((ImportFormat.Companies, 3, "ticker"), (preview.Errors[0].File, preview.Errors[0].Line, preview.Errors[0].Column));
        Assert.Equal(new ImportFileCounts(ImportFormat.Companies, 1, 0, 0), Assert.Single(preview.Files));
    }

    [Fact]
    public async Task An_import_records_one_audit_entry_with_its_counts()
    {
        var database = await NewDatabaseAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 31, 12, 0, 0, TimeSpan.Zero));
        await using (var db = TestPostgres.CreateContext(database))
        {
            await new CsvImporter(db, clock).ImportAsync(
            [
                new ImportFile(ImportFormat.Companies, new MemoryStream(File.ReadAllBytes(Path.Combine(DemoFiles.Directory, ImportFormat.Companies)))),
                new ImportFile(ImportFormat.BtcPrices, new MemoryStream(File.ReadAllBytes(Path.Combine(DemoFiles.Directory, ImportFormat.BtcPrices)))),
            ], "analyst@test.local");
        }

        await using var check = TestPostgres.CreateContext(database);
        var entry = await check.AuditEntries.SingleAsync();
        Assert.Equal(("analyst@test.local", "import", "import", "companies.csv, btc_prices.csv", clock.GetUtcNow()),
            (entry.UserName, entry.Action, entry.EntityType, entry.EntityKey, entry.At));
        using var counts = JsonDocument.Parse(entry.NewValues!);
        Assert.Equal(12, counts.RootElement.GetProperty("companies.csv").GetProperty("inserted").GetInt32());
        Assert.Equal(DemoFiles.RowCount(ImportFormat.BtcPrices), counts.RootElement.GetProperty("btc_prices.csv").GetProperty("inserted").GetInt32());
        Assert.Equal(0, counts.RootElement.GetProperty("btc_prices.csv").GetProperty("updated").GetInt32());
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_then_export_gives_the_same_bytes()
    {
        var first = await NewDatabaseAsync();
        await ImportAsync(first, DemoFiles.All());
        var firstExport = await ExportDirectoryAsync(first);

        var second = await NewDatabaseAsync();
        var result = await ImportAsync(second, DemoFiles.FromDirectory(firstExport));
        var secondExport = await ExportDirectoryAsync(second);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        foreach (var file in ImportFormat.FileNames)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(firstExport, file));
            Assert.True(bytes.Length > 50, file);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(secondExport, file)));
        }
        Assert.Equal(await CountRowsAsync(first), await CountRowsAsync(second));
        Assert.StartsWith("date,close_usd,source\n2024-01-01,44152.23,", await File.ReadAllTextAsync(Path.Combine(firstExport, ImportFormat.BtcPrices)));
        Assert.Contains("\n2024-01-03,42830.90,", await File.ReadAllTextAsync(Path.Combine(firstExport, ImportFormat.BtcPrices)));
        Directory.Delete(firstExport, recursive: true);
        Directory.Delete(secondExport, recursive: true);
    }

    [Fact]
    public async Task The_export_reads_back_to_the_demo_rows()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());
        await using var db = TestPostgres.CreateContext(database);

        var exported = await new CsvExporter(db).LoadAsync();
        var demo = await ImportReader.ReadAsync(DemoFiles.All());

        static IEnumerable<T> Sorted<T>(IEnumerable<T> rows) where T : ImportRow => rows.Select(r => r with { Line = 0 }).OrderBy(r => r.ToString(), StringComparer.Ordinal);
        Assert.Equal(Sorted(demo.Companies), Sorted(exported.Companies));
        Assert.Equal(Sorted(demo.Sites), Sorted(exported.Sites));
        Assert.Equal(Sorted(demo.Contracts), Sorted(exported.Contracts));
        Assert.Equal(Sorted(demo.ContractEvents), Sorted(exported.ContractEvents));
        Assert.Equal(Sorted(demo.Tranches), Sorted(exported.Tranches));
        Assert.Equal(Sorted(demo.RfsRevisions), Sorted(exported.RfsRevisions));
        Assert.Equal(Sorted(demo.Quarterly), Sorted(exported.Quarterly));
        Assert.Equal(Sorted(demo.BtcPrices), Sorted(exported.BtcPrices));
        Assert.Equal(Sorted(demo.Targets), Sorted(exported.Targets));
        Assert.Equal(Sorted(demo.Indicators), Sorted(exported.Indicators));
    }

    [Fact]
    public async Task An_export_for_one_ticker_has_its_rows_and_all_market_data()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());
        await using var db = TestPostgres.CreateContext(database);

        var corz = await new CsvExporter(db).LoadAsync("CORZ");

        Assert.Equal("CORZ", Assert.Single(corz.Companies).Ticker);
        Assert.All(corz.Sites, r => Assert.Equal("CORZ", r.Ticker));
        Assert.All(corz.RfsRevisions, r => Assert.Equal("CORZ", r.Ticker));
        Assert.Equal(8, corz.Quarterly.Count);
        Assert.Equal(2, corz.Targets.Count);
        Assert.Equal(DemoFiles.RowCount(ImportFormat.BtcPrices), corz.BtcPrices.Count);
        Assert.Equal(17, corz.Indicators.Count);
    }

    [Fact]
    public async Task A_zip_export_holds_the_ten_files_and_imports_into_an_empty_database()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());
        using var zipBytes = new MemoryStream();
        await using (var db = TestPostgres.CreateContext(database))
        {
            await new CsvExporter(db).WriteZipAsync(zipBytes);
        }

        zipBytes.Position = 0;
        using var zip = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        Assert.Equal(ImportFormat.FileNames, zip.Entries.Select(e => e.FullName));
        var files = zip.Entries.Select(e =>
        {
            var copy = new MemoryStream();
            using (var s = e.Open())
            {
                s.CopyTo(copy);
            }
            copy.Position = 0;
            return new ImportFile(e.FullName, copy);
        }).ToList();
        var empty = await NewDatabaseAsync();
        var result = await ImportAsync(empty, files);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(await CountRowsAsync(database), await CountRowsAsync(empty));
    }

    [Fact]
    public async Task Rows_may_refer_to_what_the_database_already_holds()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());

        var result = await ImportAsync(database,
        [
            DemoFiles.File(ImportFormat.Sites, "ticker,site,location,acquired_on,gross_mw,critical_it_mw,source\nCLSK,New Site,\"Somewhere, GA\",2026-01-15,50,,src\n"),
            DemoFiles.File(ImportFormat.Tranches,
                "ticker,site,tranche,contract,customer,critical_it_mw,status,actual_rfs,source\nCLSK,New Site,NS-1,,Tenant,20,planned,,src\n"),
            DemoFiles.File(ImportFormat.RfsRevisions, "ticker,tranche,announced_on,rfs_date,source,note\nCLSK,NS-1,2026-02-01,2027-06-30,src,\n"),
        ]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal([1, 1, 1], result.Files.Select(f => f.Inserted));
        await using var db = TestPostgres.CreateContext(database);
        var tranche = await db.Tranches.Include(t => t.Site).Include(t => t.Company).Include(t => t.Revisions).SingleAsync(t => t.Code == "NS-1");
        Assert.Equal(("CLSK", "New Site", 1), (tranche.Company!.Ticker, tranche.Site!.Name, tranche.Revisions.Count));
    }

    [Fact]
    public async Task Text_with_tabs_line_breaks_backslashes_quotes_and_unicode_is_stored_and_exported_exactly()
    {
        var database = await NewDatabaseAsync();
        const string source = "C:\\filings\\10-K\tpage 3 \\N \"quoted\", naïve – 東京 🚀";
        const string note = "line one\r\nline two\n\\N";
        var files = new[]
        {
            DemoFiles.File(ImportFormat.Companies, "ticker,name,fiscal_year_end_month\nABC,\" Spaced, Inc. \",12\n"),
            DemoFiles.File(ImportFormat.BtcPrices, "date,close_usd,source\n2024-01-01,1," + Quote(source) + "\n"),
            DemoFiles.File(ImportFormat.Indicators, "series,date,value,unit,source\nx,2024-01-01,-0.000001,ratio," + Quote(note) + "\n"),
        };

        var result = await ImportAsync(database, files);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        await using var db = TestPostgres.CreateContext(database);
        Assert.Equal(" Spaced, Inc. ", (await db.Companies.SingleAsync()).Name);
        Assert.Equal(source, (await db.BtcPrices.SingleAsync()).Source);
        var indicator = await db.IndicatorValues.SingleAsync();
        Assert.Equal((note, -0.000001m), (indicator.Source, indicator.Value));

        var exported = await new CsvExporter(db).LoadAsync();
        var reread = await ImportReader.ReadAsync(
            await Task.WhenAll(ImportFormat.FileNames.Select(async file =>
            {
                var stream = new MemoryStream();
                await ImportCsvWriter.WriteAsync(exported, file, stream);
                stream.Position = 0;
                return new ImportFile(file, stream);
            })));
        Assert.Equal(exported.Companies, reread.Companies.Select(r => r with { Line = 0 }));
        Assert.Equal(exported.BtcPrices, reread.BtcPrices.Select(r => r with { Line = 0 }));
        Assert.Equal(exported.Indicators, reread.Indicators.Select(r => r with { Line = 0 }));
    }

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";

    [Fact]
    public async Task When_the_database_refuses_a_row_late_in_the_write_nothing_earlier_is_kept()
    {
        var database = await NewDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            // A rule the importer does not know, so validation passes and the write fails on the last table.
            await using var command = new NpgsqlCommand("ALTER TABLE indicator_values ADD CONSTRAINT ck_test_unit CHECK (unit <> 'forbidden')", connection);
            await command.ExecuteNonQueryAsync();
        }
        var files = DemoFiles.All();
        files[^1] = DemoFiles.File(ImportFormat.Indicators, "series,date,value,unit,source\nx,2024-01-01,1,forbidden,src\n");

        var result = await ImportAsync(database, files);

        var error = Assert.Single(result.Errors);
        Assert.Contains("ck_test_unit", error.Message);
        Assert.Contains("Nothing was written", error.Message);
        Assert.Empty(result.Files);
        Assert.All(await CountRowsAsync(database), kv => Assert.Equal(0, kv.Value));
        await using var db = TestPostgres.CreateContext(database);
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_ticker_for_export_is_matched_in_any_case()
    {
        var database = await NewDatabaseAsync();
        await ImportAsync(database, DemoFiles.All());
        await using var db = TestPostgres.CreateContext(database);

        var iren = await new CsvExporter(db).LoadAsync(" iren ");

        Assert.Equal("IREN", Assert.Single(iren.Companies).Ticker);
    }
}

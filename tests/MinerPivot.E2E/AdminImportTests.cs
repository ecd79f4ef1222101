using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MinerPivot.TestSupport;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

public class AdminImportTests(BrowserSession<MinerPivotApp> session) : IClassFixture<BrowserSession<MinerPivotApp>>
{
    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task A_file_with_bad_rows_lists_each_error_with_file_line_column_and_value_and_writes_nothing()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var before = await RowVersionsAsync();
        var page = await AdminSupport.AdminPageAsync(session, "/admin/import");

        await AdminSupport.SetFilesAsync(page, "#import-files",
        [
            Csv("companies.csv", "ticker,name,fiscal_year_end_month\nNEWCO,New Co,12\n"),
            Csv("quarterly.csv",
                "ticker,period_end,fiscal_label,reported_on,colocation_revenue_usd,source\n" +
                "NEWCO,2026-03-31,Q1 2026,2026-05-01,12000000,NEWCO Q1 release\n" +
                "CORZ,2026-03-31,Q1 2026,2026-05-07,-77500000,Core Scientific Q1 2026 results\n" +
                "ZZZZ,2026-03-31,Q1 2026,2026-05-07,1000,unknown company\n"),
        ]);

        var errors = page.GetByRole(AriaRole.Table, new() { Name = "Import errors" });
        await Expect(page.Locator(".import-errors")).ToContainTextAsync("Nothing can be imported");
        await Expect(page.Locator(".import-errors")).ToContainTextAsync("2 problems found. The database is unchanged.");
        var negative = errors.GetByRole(AriaRole.Row).Filter(new() { HasText = "colocation_revenue_usd" });
        await Expect(negative).ToContainTextAsync("quarterly.csv");
        await Expect(negative.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Expect(negative).ToContainTextAsync("-77500000");
        await Expect(negative).ToContainTextAsync("colocation_revenue_usd is negative; money cannot be negative.");
        var unknown = errors.GetByRole(AriaRole.Row).Filter(new() { HasText = "ZZZZ" });
        await Expect(unknown.Locator("td").Nth(1)).ToHaveTextAsync("4");
        await Expect(unknown).ToContainTextAsync("Unknown ticker 'ZZZZ'");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Import") })).ToHaveCountAsync(0);
        await AdminSupport.ScreenshotsAsync(page, "admin-import-errors");

        Assert.Equal(before, await RowVersionsAsync());
        await using (var db = await AdminSupport.DbAsync(session.App))
        {
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "import"));
        }
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task Good_files_show_new_and_updated_rows_before_anything_is_written_then_import_on_confirmation()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var page = await AdminSupport.AdminPageAsync(session, "/admin/import");

        await AdminSupport.SetFilesAsync(page, "#import-files",
        [
            Csv("companies.csv", "ticker,name,fiscal_year_end_month\nGOOD,Good Miner,6\n"),
            Csv("quarterly.csv",
                "ticker,period_end,fiscal_label,reported_on,colocation_revenue_usd,billable_mw,source\n" +
                "GOOD,2026-03-31,FQ3 2026,2026-05-01,12000000,40,GOOD Q3 release\n" +
                "CORZ,2025-09-30,Q3 2025,2025-10-30,41000000,150,Core Scientific Q3 2025 results (restated)\n"),
        ]);

        var preview = page.GetByRole(AriaRole.Table, new() { Name = "Import preview" });
        await Expect(preview.GetByRole(AriaRole.Row, new() { Name = "companies.csv" })).ToContainTextAsync("1 1 0 0");
        await Expect(preview.GetByRole(AriaRole.Row, new() { Name = "quarterly.csv" })).ToContainTextAsync("2 1 1 0");
        await AdminSupport.ScreenshotsAsync(page, "admin-import-preview");
        await using (var db = await AdminSupport.DbAsync(session.App))
        {
            Assert.False(await db.Companies.AnyAsync(c => c.Ticker == "GOOD"));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Import 3 rows" }).ClickAsync();
        await Expect(page.Locator(".import-done")).ToContainTextAsync("Imported. 3 rows from 2 files are in the database");
        await Expect(AdminSupport.Toast(page, "3 rows from 2 files")).ToBeVisibleAsync();

        await using (var db = await AdminSupport.DbAsync(session.App))
        {
            var good = await db.QuarterlyFigures.SingleAsync(q => q.Company!.Ticker == "GOOD");
            Assert.Equal(12_000_000m, good.ColocationRevenueUsd);
            Assert.Equal(41_000_000m, (await db.QuarterlyFigures.SingleAsync(q => q.Company!.Ticker == "CORZ" && q.PeriodEnd == new DateOnly(2025, 9, 30))).ColocationRevenueUsd);
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "import");
            Assert.Equal(MinerPivotApp.AdminEmail, audit.UserName);
            Assert.Equal("companies.csv, quarterly.csv", audit.EntityKey);
        }
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task Export_downloads_one_company_as_the_ten_import_files_in_a_zip()
    {
        await SampleData.EnsureSeededAsync(session.App.Services);
        var page = await AdminSupport.AdminPageAsync(session, "/admin/import");

        await page.GetByLabel("Companies").SelectOptionAsync(SampleData.Ticker);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download zip" }).ClickAsync());

        Assert.Equal("minerpivot-corz-2026-05-31.zip", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"mp-export-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Equal(MinerPivot.Core.Import.ImportFormat.FileNames, zip.Entries.Select(e => e.FullName));
            using var reader = new StreamReader(zip.GetEntry("companies.csv")!.Open());
            Assert.Equal("ticker,name,fiscal_year_end_month\nCORZ,\"Core Scientific, Inc.\",12\n", await reader.ReadToEndAsync());
        }
        File.Delete(path);
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    /// <summary>Every fact row's ctid and xmin: equal before and after means nothing was written.</summary>
    private async Task<List<string>> RowVersionsAsync()
    {
        await using var connection = new NpgsqlConnection(session.App.ConnectionString);
        await connection.OpenAsync();
        var versions = new List<string>();
        foreach (var table in new[] { "companies", "sites", "contracts", "contract_events", "tranches", "rfs_revisions", "quarterly_figures", "btc_prices", "targets", "indicator_values", "audit_log" })
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
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Tests.Import;
using Npgsql;

namespace MinerPivot.Web.Tests.Api;

/// <summary>POST /api/v1/import and GET /api/v1/export over HTTP; each test has an app on a database of its own.</summary>
public class ImportApiTests
{
    private static readonly string[] Tables =
        ["companies", "sites", "contracts", "contract_events", "tranches", "rfs_revisions", "quarterly_figures", "btc_prices", "targets", "indicator_values", "audit_log"];

    [Fact]
    public async Task Importing_the_demo_files_counts_every_row_and_the_signposts_show_the_imported_numbers()
    {
        await using var app = await StartAsync();
        var (admin, adminEmail) = await AdminAsync(app);

        var response = await admin.PostAsync("/api/v1/import", Upload(DemoUpload()));

        var body = await JsonAsync(response, HttpStatusCode.OK);
        Assert.False(body.GetProperty("preview").GetBoolean());
        var files = body.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(ImportFormat.FileNames, files.Select(f => f.Str("file")));
        foreach (var file in files)
        {
            Assert.Equal(DemoFiles.RowCount(file.Str("file")), file.GetProperty("inserted").GetInt32());
            Assert.Equal(0, file.GetProperty("updated").GetInt32());
            Assert.Equal(0, file.GetProperty("unchanged").GetInt32());
        }

        var analyst = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Analyst));
        Assert.Equal(DemoFiles.RowCount(ImportFormat.Companies), (await analyst.OkJsonAsync("/api/v1/companies")).GetArrayLength());
        var corz = await analyst.OkJsonAsync("/api/v1/companies/CORZ/signposts?asOf=2026-05-31");
        // Q1 2026 $77.5M against Q1 2025 $8.6M, and 243 billable MW against 450 MW by 2026-09-22.
        Assert.Equal(801.16m, corz.Signpost("colocation_momentum").Dec("value"));
        Assert.Equal("met", corz.Signpost("colocation_momentum").Str("status"));
        var target = corz.GetProperty("signposts").EnumerateArray().Single(s => s.Str("key") == "billable_mw_target" && s.Str("subject") == "450 MW by 2026-09-22");
        Assert.Equal(243m, target.Dec("value"));
        Assert.Equal(450m, target.Dec("target"));
        Assert.Equal(260m, corz.Tranche("DENTON").Dec("mw"));

        await using (var db = TestPostgres.CreateContext(app.ConnectionString))
        {
            var entry = await db.AuditEntries.SingleAsync();
            Assert.Equal(adminEmail, entry.UserName);
            Assert.Equal("import", entry.Action);
        }

        // The same files again change nothing: upserts find equal rows, revisions and events are skipped.
        var again = await JsonAsync(await admin.PostAsync("/api/v1/import", Upload(DemoUpload())), HttpStatusCode.OK);
        foreach (var file in again.GetProperty("files").EnumerateArray())
        {
            Assert.Equal(0, file.GetProperty("inserted").GetInt32());
            Assert.Equal(0, file.GetProperty("updated").GetInt32());
            Assert.Equal(DemoFiles.RowCount(file.Str("file")), file.GetProperty("unchanged").GetInt32());
        }
    }

    [Fact]
    public async Task A_negative_MW_is_422_naming_the_file_line_column_and_value_and_nothing_is_written()
    {
        await using var app = await StartAsync();
        var (admin, _) = await AdminAsync(app);
        await JsonAsync(await admin.PostAsync("/api/v1/import", Upload(DemoUpload())), HttpStatusCode.OK);
        var before = await RowVersionsAsync(app.ConnectionString);

        // A valid change to companies.csv travels with the bad sites.csv: it must not be written either.
        var files = DemoUpload();
        files[ImportFormat.Companies] = Replace(files[ImportFormat.Companies], "CORZ,Core Scientific,12", "CORZ,Core Scientific Renamed,12");
        files[ImportFormat.Sites] = ReplaceLine(files[ImportFormat.Sites], 3, ",2022-02-04,100,70,", ",2022-02-04,-100,70,");
        var response = await admin.PostAsync("/api/v1/import", Upload(files));

        var body = await JsonAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.False(body.GetProperty("preview").GetBoolean());
        Assert.Equal(1, body.GetProperty("errorCount").GetInt32());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("sites.csv", error.Str("file"));
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("gross_mw", error.Str("column"));
        Assert.Equal("-100", error.Str("value"));
        Assert.Contains("negative", error.Str("message"));
        Assert.Equal(before, await RowVersionsAsync(app.ConnectionString));
    }

    [Fact]
    public async Task A_preview_counts_what_an_import_would_do_and_writes_nothing()
    {
        await using var app = await StartAsync();
        var (admin, _) = await AdminAsync(app);
        var before = await RowVersionsAsync(app.ConnectionString);

        var body = await JsonAsync(await admin.PostAsync("/api/v1/import?preview=true", Upload(DemoUpload())), HttpStatusCode.OK);

        Assert.True(body.GetProperty("preview").GetBoolean());
        foreach (var file in body.GetProperty("files").EnumerateArray())
        {
            Assert.Equal(DemoFiles.RowCount(file.Str("file")), file.GetProperty("inserted").GetInt32());
        }
        Assert.Empty(before);
        Assert.Empty(await RowVersionsAsync(app.ConnectionString));

        var files = DemoUpload();
        files[ImportFormat.Sites] = ReplaceLine(files[ImportFormat.Sites], 3, ",2022-02-04,100,70,", ",2022-02-04,-100,70,");
        var refused = await JsonAsync(await admin.PostAsync("/api/v1/import?preview=true", Upload(files)), HttpStatusCode.UnprocessableEntity);
        Assert.True(refused.GetProperty("preview").GetBoolean());
        Assert.Equal(3, Assert.Single(refused.GetProperty("errors").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Empty(await RowVersionsAsync(app.ConnectionString));
        Assert.Equal(0, (await admin.OkJsonAsync("/api/v1/companies")).GetArrayLength());
    }

    [Fact]
    public async Task An_export_imported_into_an_empty_database_exports_the_same_files()
    {
        await using var source = await StartAsync();
        var (sourceAdmin, _) = await AdminAsync(source);
        await JsonAsync(await sourceAdmin.PostAsync("/api/v1/import", Upload(DemoUpload())), HttpStatusCode.OK);

        var response = await sourceAdmin.GetAsync("/api/v1/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("minerpivot-export-2026-05-31.zip", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var exported = ReadZip(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(ImportFormat.FileNames, exported.Keys);

        await using var target = await StartAsync();
        var (targetAdmin, _) = await AdminAsync(target);
        var imported = await JsonAsync(await targetAdmin.PostAsync("/api/v1/import", Upload(exported)), HttpStatusCode.OK);
        Assert.All(imported.GetProperty("files").EnumerateArray(), f => Assert.Equal(DemoFiles.RowCount(f.Str("file")), f.GetProperty("inserted").GetInt32()));
        var reexported = ReadZip(await (await targetAdmin.GetAsync("/api/v1/export")).Content.ReadAsByteArrayAsync());

        Assert.Equal(exported.Keys, reexported.Keys);
        foreach (var (name, bytes) in exported)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(reexported[name]), $"{name} differs after export → import → export");
        }
    }

    [Fact]
    public async Task An_export_for_one_ticker_holds_only_that_company_and_an_unknown_ticker_is_404()
    {
        await using var app = await StartAsync();
        var (admin, _) = await AdminAsync(app);
        await JsonAsync(await admin.PostAsync("/api/v1/import", Upload(DemoUpload())), HttpStatusCode.OK);

        var response = await admin.GetAsync("/api/v1/export?ticker=corz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var files = ReadZip(await response.Content.ReadAsByteArrayAsync());
        var companies = Encoding.UTF8.GetString(files[ImportFormat.Companies]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, companies.Length);
        Assert.StartsWith("CORZ,", companies[1]);
        var tranches = Encoding.UTF8.GetString(files[ImportFormat.Tranches]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(tranches);
        Assert.All(tranches, line => Assert.StartsWith("CORZ,", line));

        var unknown = await admin.GetAsync("/api/v1/export?ticker=NOPE");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("NOPE", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_file_over_10_MB_is_422_naming_it_and_nothing_is_written()
    {
        await using var app = await StartAsync();
        var (admin, _) = await AdminAsync(app);
        var before = await RowVersionsAsync(app.ConnectionString);
        var files = DemoUpload();
        var big = new byte[ImportFormat.MaxFileBytes + 1];
        Array.Fill(big, (byte)'x');
        files[ImportFormat.Quarterly] = big;

        var body = await JsonAsync(await admin.PostAsync("/api/v1/import", Upload(files)), HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(body.GetProperty("errors").EnumerateArray(), e => e.Str("file") == ImportFormat.Quarterly);
        Assert.Equal(0, error.GetProperty("line").GetInt32());
        Assert.Contains("larger than 10 MB", error.Str("message"));
        Assert.Equal(before, await RowVersionsAsync(app.ConnectionString));
    }

    internal static async Task<MinerPivotApp> StartAsync()
    {
        var app = new MinerPivotApp();
        await app.InitializeAsync();
        return app;
    }

    private static async Task<(HttpClient Client, string Email)> AdminAsync(MinerPivotApp app)
    {
        var email = await app.CreateUserAsync(Roles.Admin);
        return (await app.BearerClientAsync(email), email);
    }

    /// <summary>The ten demo files by name, in import order.</summary>
    internal static Dictionary<string, byte[]> DemoUpload() =>
        ImportFormat.FileNames.ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(DemoFiles.Directory, name)));

    /// <summary>Each file as a file part named by its file name, the way an API client sends it.</summary>
    internal static MultipartFormDataContent Upload(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "files", name);
        }
        return form;
    }

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static byte[] Replace(byte[] file, string from, string to)
    {
        var text = Encoding.UTF8.GetString(file);
        Assert.Contains(from, text);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>Replaces <paramref name="from"/> on line <paramref name="line"/> (the header is line 1).</summary>
    private static byte[] ReplaceLine(byte[] file, int line, string from, string to)
    {
        var lines = Encoding.UTF8.GetString(file).Split('\n');
        Assert.Contains(from, lines[line - 1]);
        lines[line - 1] = lines[line - 1].Replace(from, to, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static Dictionary<string, byte[]> ReadZip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }
        return files;
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
}

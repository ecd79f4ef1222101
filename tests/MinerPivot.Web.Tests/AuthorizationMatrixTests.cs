using System.Net;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests;

/// <summary>Every page and API route × anonymous, analyst, pm and admin (and a signed-in user with no role).</summary>
public class AuthorizationMatrixTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    public enum Access { Anyone, SignedIn, Analyst, Pm, Admin }

    private const string Anonymous = "anonymous";
    private const string NoRole = "norole";

    /// <summary>Routes and who may use them. Add a row with every new page or API route.</summary>
    public static TheoryData<string, string, Access> Routes()
    {
        var routes = new (string Method, string Path, Access Access)[]
        {
            ("GET", "/", Access.Analyst),
            ("GET", "/?asOf=2026-05-31", Access.Analyst),
            ("GET", "/?asOf=2026-05-31&since=2026-01-01", Access.Analyst),
            ("GET", $"/companies/{SampleData.Ticker}", Access.Analyst),
            ("GET", $"/companies/{SampleData.Ticker}?asOf=2026-05-31", Access.Analyst),
            ("GET", "/peers", Access.Analyst),
            ("GET", $"/peers?tickers={SampleData.Ticker},{SampleData.EmptyTicker}&asOf=2026-05-31", Access.Analyst),
            ("GET", "/market", Access.Analyst),
            ("GET", "/market?asOf=2026-05-31", Access.Analyst),
            ("GET", "/admin/users", Access.Admin),
            ("GET", "/admin", Access.Admin),
            ("GET", "/admin/companies", Access.Admin),
            ("GET", "/admin/companies/new", Access.Admin),
            ("GET", "/admin/companies/1", Access.Admin),
            ("GET", "/admin/sites?company=CORZ", Access.Admin),
            ("GET", "/admin/sites/new", Access.Admin),
            ("GET", "/admin/sites/1", Access.Admin),
            ("GET", "/admin/contracts", Access.Admin),
            ("GET", "/admin/contracts/new?company=CORZ", Access.Admin),
            ("GET", "/admin/contracts/1", Access.Admin),
            ("GET", "/admin/tranches?sort=rfs_date&desc=true", Access.Admin),
            ("GET", "/admin/tranches/new", Access.Admin),
            ("GET", "/admin/tranches/1", Access.Admin),
            ("GET", "/admin/quarters?company=CORZ&page=2", Access.Admin),
            ("GET", "/admin/quarters/new", Access.Admin),
            ("GET", "/admin/quarters/1", Access.Admin),
            ("GET", "/admin/prices?year=2026", Access.Admin),
            ("GET", "/admin/prices/new", Access.Admin),
            ("GET", "/admin/prices/2026-05-29", Access.Admin),
            ("GET", "/admin/targets", Access.Admin),
            ("GET", "/admin/targets/new", Access.Admin),
            ("GET", "/admin/targets/1", Access.Admin),
            ("GET", "/admin/indicators?series=public_miner_cash_cost_per_btc_usd", Access.Admin),
            ("GET", "/admin/indicators/new", Access.Admin),
            ("GET", "/admin/indicators/1", Access.Admin),
            ("GET", "/admin/import", Access.Admin),
            ("GET", "/admin/audit", Access.Admin),
            ("GET", "/admin/audit?action=update&from=2026-01-01", Access.Admin),
            ("GET", "/Account/ChangePassword", Access.SignedIn),
            ("GET", "/Account/Login", Access.Anyone),
            ("GET", "/health/live", Access.Anyone),
            ("GET", "/health/ready", Access.Anyone),
            ("GET", "/api/v1/auth/manage/info", Access.SignedIn),
            ("GET", "/api/docs/", Access.Analyst),
            ("GET", "/openapi/v1.json", Access.Analyst),
            ("GET", "/api/v1/companies", Access.Analyst),
            ("GET", "/api/v1/companies?asOf=2026-05-31", Access.Analyst),
            ("GET", $"/api/v1/companies/{SampleData.Ticker}/signposts", Access.Analyst),
            ("GET", $"/api/v1/companies/{SampleData.Ticker}/signposts?asOf=2026-05-31", Access.Analyst),
            ("GET", $"/api/v1/companies/{SampleData.Ticker}/quarters", Access.Analyst),
            ("GET", $"/api/v1/companies/{SampleData.Ticker}/tranches", Access.Analyst),
            ("GET", $"/api/v1/companies/{SampleData.Ticker}/contracts?asOf=2026-05-31", Access.Analyst),
            ("POST", "/api/v1/import?preview=true", Access.Admin),
            ("POST", "/api/v1/import", Access.Admin),
            ("GET", "/api/v1/export", Access.Admin),
            ("GET", $"/api/v1/export?ticker={SampleData.Ticker}", Access.Admin),
            ("GET", "/slippage", Access.Pm),
            ("GET", "/slippage?asOf=2026-05-31&severity=major&sort=days", Access.Pm),
            ("GET", "/alerts", Access.Pm),
            ("GET", "/admin/notifications", Access.Admin),
            ("GET", "/api/v1/alerts", Access.Pm),
            ("GET", "/api/v1/alerts?status=open", Access.Pm),
        };
        var data = new TheoryData<string, string, Access>();
        foreach (var (method, path, access) in routes)
        {
            data.Add(method, path, access);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_role_gets_exactly_the_routes_it_may_use(string method, string path, Access access)
    {
        // Per-company routes answer 404 for a ticker that is not there; this one is.
        await SampleData.EnsureSeededAsync(app.Services);
        foreach (var who in new[] { Anonymous, NoRole, Roles.Analyst, Roles.Pm, Roles.Admin })
        {
            var client = await ClientForAsync(who);
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = BodyFor(method, path) });
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.ToString() ?? "";
            var because = $"{who} {method} {path} → {status} {location}";

            if (Allowed(who, access))
            {
                Assert.True(status is >= 200 and < 300, because);
            }
            else if (who == Anonymous)
            {
                if (IsApi(path))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, because);
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Login"), because);
                }
            }
            else if (IsApi(path))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, because);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/AccessDenied"), because);
            }
        }
    }

    /// <summary>
    /// A body a POST route accepts. For the import: the sample company exactly as stored, so an admin's import changes
    /// nothing (200, every row unchanged).
    /// </summary>
    private static HttpContent? BodyFor(string method, string path)
    {
        if (method != "POST")
        {
            return null;
        }
        Assert.StartsWith("/api/v1/import", path);
        var companies = new ByteArrayContent("ticker,name,fiscal_year_end_month\nCORZ,\"Core Scientific, Inc.\",12\n"u8.ToArray());
        return new MultipartFormDataContent { { companies, "files", "companies.csv" } };
    }

    private static bool IsApi(string path) => path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/openapi/", StringComparison.Ordinal);

    private static bool Allowed(string who, Access access) => access switch
    {
        Access.Anyone => true,
        Access.SignedIn => who != Anonymous,
        Access.Analyst => who is Roles.Analyst or Roles.Pm or Roles.Admin,
        Access.Pm => who is Roles.Pm or Roles.Admin,
        Access.Admin => who is Roles.Admin,
        _ => false,
    };

    private readonly Dictionary<string, HttpClient> _clients = [];

    private async Task<HttpClient> ClientForAsync(string who)
    {
        if (!_clients.TryGetValue(who, out var client))
        {
            var email = who == Anonymous ? null : await app.CreateUserAsync(who == NoRole ? null : who);
            client = await app.CookieClientAsync(email);
            _clients[who] = client;
        }
        return client;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>Every response's security headers, over real HTTP; HSTS and Secure cookies only over HTTPS, as the client or a trusted proxy says.</summary>
public partial class SecurityHeadersTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    private static void AssertCommonHeaders(HttpResponseMessage response, string what)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no Content-Security-Policy");
        var policy = Assert.Single(csp);
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.Split(' ')[0].Length)..].Trim());
        Assert.Equal("'self'", directives["default-src"]);
        Assert.StartsWith("'self'", directives["script-src"]);
        Assert.DoesNotContain("unsafe-inline", directives["script-src"]);
        Assert.DoesNotContain("unsafe-eval", directives["script-src"]);
        Assert.Equal("'self'", directives["connect-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'self'", directives["frame-ancestors"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{what}: HSTS over plain HTTP");
    }

    [Fact]
    public async Task A_page_an_API_route_and_a_static_asset_carry_the_policy_and_the_page_nonce_matches_its_import_map()
    {
        var anonymous = await app.CookieClientAsync(null);
        var page = await anonymous.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertCommonHeaders(page, "page");
        var html = await page.Content.ReadAsStringAsync();
        var importMap = ImportMapNonce().Match(html);
        Assert.True(importMap.Success, "the page's import map has no nonce");
        var scriptSrc = page.Headers.GetValues("Content-Security-Policy").Single().Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal));
        Assert.Contains($"'nonce-{WebUtility.HtmlDecode(importMap.Groups[1].Value)}'", scriptSrc);
        // A fresh nonce for every response.
        var again = ImportMapNonce().Match(await (await anonymous.GetAsync("/Account/Login")).Content.ReadAsStringAsync());
        Assert.NotEqual(importMap.Groups[1].Value, again.Groups[1].Value);

        // The API reference's inline start-up script carries its response's nonce too.
        var docsClient = await app.CookieClientAsync(await app.CreateUserAsync(Roles.Analyst));
        var docs = await docsClient.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        AssertCommonHeaders(docs, "API reference");
        var docsNonce = Regex.Match(await docs.Content.ReadAsStringAsync(), "<script type=\"module\" nonce=\"([^\"]+)\">");
        Assert.True(docsNonce.Success, "the API reference's inline script has no nonce");
        Assert.Contains($"'nonce-{docsNonce.Groups[1].Value}'", docs.Headers.GetValues("Content-Security-Policy").Single());

        var analyst = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Analyst));
        var api = await analyst.GetAsync("/api/v1/companies");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        AssertCommonHeaders(api, "API");
        Assert.DoesNotContain("nonce-", api.Headers.GetValues("Content-Security-Policy").Single());

        var refused = await app.CreateClient().GetAsync("/api/v1/companies");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        AssertCommonHeaders(refused, "401");

        foreach (var asset in new[] { "/app.css", "/_framework/blazor.web.js" })
        {
            var file = await anonymous.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            AssertCommonHeaders(file, asset);
        }
    }

    [Fact]
    public async Task Without_the_forwarded_headers_setting_a_claimed_https_scheme_is_ignored()
    {
        var response = await SendAsync(app.CreateClient(), HttpMethod.Get, "/Account/Login", forwardedHttps: true);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(SetCookies(response), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Behind_a_known_proxy_that_says_https_responses_carry_HSTS_and_every_cookie_is_Secure()
    {
        await using var proxied = new ConfiguredApp(new() { ["MinerPivot:ForwardedHeaders:Enabled"] = "true" });
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = await proxied.InitializeOnRealPortAsync() };

        // The login page sets the antiforgery cookie; the login API the Identity cookie.
        var page = await SendAsync(client, HttpMethod.Get, "/Account/Login", forwardedHttps: true);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
        var login = await SendAsync(client, HttpMethod.Post, "/api/v1/auth/login?useCookies=true", forwardedHttps: true,
            JsonContent.Create(new { email = MinerPivotApp.AdminEmail, password = MinerPivotApp.AdminPassword }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookies = SetCookies(page).Concat(SetCookies(login)).ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        // The same proxy saying http: no HSTS, no Secure.
        var plain = await SendAsync(client, HttpMethod.Get, "/Account/Login", forwardedHttps: false);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.NotEmpty(SetCookies(plain));
        Assert.All(SetCookies(plain), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_forwarded_scheme_from_an_address_that_is_not_a_known_proxy_is_ignored()
    {
        // Only 192.0.2.10 (a documentation address) is trusted: the test's loopback connection is not.
        await using var proxied = new ConfiguredApp(new()
        {
            ["MinerPivot:ForwardedHeaders:Enabled"] = "true",
            ["MinerPivot:ForwardedHeaders:KnownProxies:0"] = "192.0.2.10",
        });
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = await proxied.InitializeOnRealPortAsync() };

        var page = await SendAsync(client, HttpMethod.Get, "/Account/Login", forwardedHttps: true);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.NotEmpty(SetCookies(page));
        Assert.All(SetCookies(page), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_proxy_network_that_is_not_CIDR_stops_the_start_naming_the_setting()
    {
        await using var misconfigured = new ConfiguredApp(new() { ["MinerPivot:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/99" });
        await misconfigured.PrepareDatabaseAsync();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => misconfigured.Services);
        Assert.Contains("MinerPivot:ForwardedHeaders: KnownNetworks: '10.0.0.0/99' is not a network", error.Message);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, bool forwardedHttps, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        // The public name a proxy passes on; HSTS is never sent for localhost or 127.0.0.1.
        request.Headers.Host = "minerpivot.example";
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", forwardedHttps ? "https" : "http");
        return await client.SendAsync(request);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("<script type=\"importmap\" nonce=\"([^\"]+)\"")]
    private static partial Regex ImportMapNonce();

    /// <summary>The app with extra settings, started by the test that owns it.</summary>
    private sealed class ConfiguredApp(Dictionary<string, string?> settings) : MinerPivotApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings;

        public async Task PrepareDatabaseAsync() => ConnectionString = await TestPostgres.CreateEmptyDatabaseAsync("settings");
    }
}

using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests;

public class AccountTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    [Fact]
    public async Task The_first_start_creates_the_configured_admin_who_can_get_a_bearer_token()
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = MinerPivotApp.AdminEmail, password = MinerPivotApp.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));

        var admin = await app.BearerClientAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword);
        var info = await admin.GetFromJsonAsync<JsonElement>("/api/v1/auth/manage/info");
        Assert.Equal(MinerPivotApp.AdminEmail, info.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_401()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = MinerPivotApp.AdminEmail, password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_for_the_right_password()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = MinerPivotApp.UserPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        // The same answer as a wrong password: a stranger cannot tell that the account exists and is locked.
        Assert.DoesNotContain("LockedOut", await locked.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/auth/register")]
    [InlineData("/api/v1/auth/forgotPassword")]
    [InlineData("/api/v1/auth/resetPassword")]
    [InlineData("/api/v1/auth/resendConfirmationEmail")]
    public async Task Self_registration_and_mail_flows_are_not_reachable(string path)
    {
        var response = await app.CreateClient().PostAsJsonAsync(path, new { email = "intruder@example.com", password = "Intruder-123!" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "intruder@example.com"));
    }

    [Fact]
    public async Task The_login_page_is_served_to_anonymous_users()
    {
        var client = await app.CookieClientAsync(null);
        var response = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign in to MinerPivot", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_endpoints_answer_without_signing_in_and_ready_checks_the_database()
    {
        var client = app.CreateClient();
        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}

public class SharedSignInTests
{
    [Fact]
    public async Task A_sign_in_survives_a_restart_because_data_protection_keys_live_in_PostgreSQL()
    {
        await using var first = new MinerPivotApp();
        await first.InitializeAsync();
        var email = await first.CreateUserAsync(Roles.Analyst);
        var cookie = await CookieHeaderAsync(first, email);

        // A second app instance on the same database (a restart, or another node) accepts the same cookie.
        await using var second = new SecondInstance(first.ConnectionString);
        _ = second.Services;
        var other = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/manage/info");
        request.Headers.Add("Cookie", cookie);
        var response = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var db = TestPostgres.CreateContext(first.ConnectionString);
        Assert.True(await db.DataProtectionKeys.CountAsync() >= 1);
    }

    private static async Task<string> CookieHeaderAsync(MinerPivotApp app, string email)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = MinerPivotApp.UserPassword });
        response.EnsureSuccessStatusCode();
        var setCookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }

    private sealed class SecondInstance : MinerPivotApp
    {
        public SecondInstance(string connectionString) => ConnectionString = connectionString;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Features.Users;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>
/// A role change, a lock, a disable or a password reset by an admin ends the account's access everywhere: bearer
/// tokens at once when the change is made through this instance and within the revalidation interval (1 minute)
/// otherwise, cookie sessions within that interval, and an admin's open tab cannot use
/// the admin role it has lost.
/// </summary>
public class SessionRevocationTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    private static readonly TimeSpan PastInterval = TimeSpan.FromSeconds(61);

    private static bool SignedOut(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/Login", StringComparison.Ordinal));

    [Fact]
    public async Task A_demoted_admin_loses_the_admin_pages_and_the_api_within_a_minute()
    {
        var email = await app.CreateUserAsync(Roles.Admin);
        var cookie = await app.CookieClientAsync(email);
        var bearer = await app.BearerClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/export")).StatusCode);

        var id = await AdminTab.IdOfAsync(app, email);
        Assert.Null(await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.SetRoleAsync(id, Roles.Admin, on: false)));

        var export = await bearer.GetAsync("/api/v1/export");
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
        app.Clock.Advance(PastInterval);
        var page = await cookie.GetAsync("/admin/users");
        Assert.True(SignedOut(page), $"/admin/users answered {(int)page.StatusCode} {page.Headers.Location}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/export")).StatusCode);
    }

    [Fact]
    public async Task A_role_removed_outside_this_instance_ends_a_bearer_token_within_the_revalidation_interval()
    {
        var email = await app.CreateUserAsync(Roles.Admin);
        var bearer = await app.BearerClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/export")).StatusCode);

        // What RemoveFromRoleAsync does on another instance (or an operator in psql): this instance hears nothing of it.
        await using (var db = TestPostgres.CreateContext(app.ConnectionString))
        {
            await db.Database.ExecuteSqlAsync($"""
                DELETE FROM user_roles WHERE user_id = (SELECT id FROM users WHERE normalized_email = {email.ToUpperInvariant()})
                    AND role_id = (SELECT id FROM roles WHERE normalized_name = 'ADMIN')
                """);
        }

        // The token's account was checked a moment ago, so it may serve until the interval has passed; not after.
        app.Clock.Advance(PastInterval);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/export")).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_gets_no_new_access_token_after_the_account_changed()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = MinerPivotApp.UserPassword });
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(tokens.GetProperty("expiresIn").GetInt64() <= 15 * 60, $"expiresIn {tokens.GetProperty("expiresIn")}");
        var refreshToken = tokens.GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken })).StatusCode);

        var id = await AdminTab.IdOfAsync(app, email);
        Assert.Null(await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.SetRoleAsync(id, Roles.Pm, on: true)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken })).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_loses_access_until_enabled()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var cookie = await app.CookieClientAsync(email);
        var bearer = await app.BearerClientAsync(email);
        var id = await AdminTab.IdOfAsync(app, email);

        Assert.Null(await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.SetDisabledAsync(id, true)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/companies")).StatusCode);
        app.Clock.Advance(PastInterval);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/companies")).StatusCode);
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = MinerPivotApp.UserPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        var row = await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, async admin => (await admin.ListAsync()).Single(u => u.Id == id));
        Assert.NotNull(row.DisabledAt);

        Assert.Null(await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.SetDisabledAsync(id, false)));
        var again = await app.BearerClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/companies")).StatusCode);
    }

    [Fact]
    public async Task An_admin_password_reset_ends_the_sessions_and_only_the_new_password_signs_in()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var cookie = await app.CookieClientAsync(email);
        var bearer = await app.BearerClientAsync(email);
        var id = await AdminTab.IdOfAsync(app, email);

        var reset = await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.ResetPasswordAsync(id));
        Assert.Null(reset.Error);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/companies")).StatusCode);
        app.Clock.Advance(PastInterval);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/companies")).StatusCode);
        var old = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = MinerPivotApp.UserPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        var fresh = await app.BearerClientAsync(email, reset.Password);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/companies")).StatusCode);
    }

    [Fact]
    public async Task An_admin_lock_ends_the_sessions_until_unlocked()
    {
        var email = await app.CreateUserAsync(Roles.Pm);
        var cookie = await app.CookieClientAsync(email);
        var bearer = await app.BearerClientAsync(email);
        var id = await AdminTab.IdOfAsync(app, email);

        Assert.Null(await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.LockAsync(id)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/alerts")).StatusCode);
        app.Clock.Advance(PastInterval);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/alerts")).StatusCode);
        // Locked until unlocked: a day later it still cannot sign in.
        app.Clock.Advance(TimeSpan.FromDays(1));
        var locked = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = MinerPivotApp.UserPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);

        Assert.Null(await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.UnlockAsync(id)));
        var again = await app.BearerClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Fact]
    public async Task An_open_admin_tab_that_lost_the_admin_role_cannot_change_users()
    {
        var email = await app.CreateUserAsync(Roles.Admin);
        var staleTab = await AdminTab.PrincipalAsync(app, email);
        var victim = await app.CreateUserAsync(Roles.Analyst);
        var victimId = await AdminTab.IdOfAsync(app, victim);
        var demotedId = await AdminTab.IdOfAsync(app, email);
        Assert.Null(await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.SetRoleAsync(demotedId, Roles.Admin, on: false)));

        var regrant = await AdminTab.AsAsync(app, staleTab, admin => admin.SetRoleAsync(demotedId, Roles.Admin, on: true));
        var disable = await AdminTab.AsAsync(app, staleTab, admin => admin.SetDisabledAsync(victimId, true));
        var list = await AdminTab.AsAsync(app, staleTab, admin => admin.ListAsync());

        Assert.Contains("no longer", regrant);
        Assert.Contains("no longer", disable);
        Assert.Empty(list);
        var rows = await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.ListAsync());
        Assert.DoesNotContain(Roles.Admin, rows.Single(u => u.Id == demotedId).Roles);
        Assert.Null(rows.Single(u => u.Id == victimId).DisabledAt);

        // An analyst's principal is refused the same way.
        var analyst = await AdminTab.AsAsync(app, victim, admin => admin.SetRoleAsync(victimId, Roles.Admin, on: true));
        Assert.Contains("no longer", analyst);
    }

    [Fact]
    public async Task Every_user_administration_action_is_in_the_audit_trail()
    {
        var email = $"audited-{Guid.NewGuid():N}@test.local";
        await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.CreateAsync(email, MinerPivotApp.UserPassword, Roles.Analyst));
        var id = await AdminTab.IdOfAsync(app, email);
        await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, async admin =>
        {
            Assert.Null(await admin.SetRoleAsync(id, Roles.Pm, on: true));
            Assert.Null(await admin.SetRoleAsync(id, Roles.Pm, on: false));
            Assert.Null(await admin.LockAsync(id));
            Assert.Null(await admin.UnlockAsync(id));
            Assert.Null(await admin.SetDisabledAsync(id, true));
            Assert.Null(await admin.SetDisabledAsync(id, false));
            Assert.Null((await admin.ResetPasswordAsync(id)).Error);
            return true;
        });

        await using var db = app.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == UserAdministration.AuditType && a.EntityKey == email)
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["create", "grant", "revoke", "lock", "unlock", "disable", "enable", "reset-password"], entries.Select(a => a.Action));
        Assert.All(entries, a => Assert.Equal(MinerPivotApp.AdminEmail, a.UserName));
        Assert.Contains("analyst, pm", entries[1].NewValues);
        Assert.DoesNotContain(MinerPivotApp.UserPassword, string.Concat(entries.Select(a => a.NewValues)));

        // What an admin sees on the audit page.
        var adminClient = await app.CookieClientAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword);
        var response = await adminClient.GetAsync($"/admin/audit?type=user&key={Uri.EscapeDataString(email)}");
        var page = await response.Content.ReadAsStringAsync();
        var main = page.Contains("<main", StringComparison.Ordinal) ? page[page.IndexOf("<main", StringComparison.Ordinal)..] : page;
        Assert.True(page.Contains("reset-password", StringComparison.Ordinal) && page.Contains("disable", StringComparison.Ordinal),
            $"{(int)response.StatusCode} {response.Headers.Location}: {main[..Math.Min(main.Length, 3000)]}");
    }

    [Fact]
    public async Task A_password_change_ends_the_accounts_other_sessions()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var elsewhere = await app.BearerClientAsync(email);
        var here = await app.CookieClientAsync(email);
        var page = await (await here.GetAsync("/Account/ChangePassword")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var changed = await here.PostAsync("/Account/ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.OldPassword"] = MinerPivotApp.UserPassword,
            ["Input.NewPassword"] = "Changed-Pass-456!",
            ["Input.ConfirmPassword"] = "Changed-Pass-456!",
        }));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/v1/companies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/v1/companies")).StatusCode);
    }
}

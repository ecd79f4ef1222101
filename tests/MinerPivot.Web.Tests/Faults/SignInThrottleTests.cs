using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>
/// Nobody on the network can keep an account locked: one client address gets fewer sign-in attempts than the lockout
/// needs (429 with Retry-After), each address has its own allowance, and a refused sign-in never says whether the
/// account exists, is locked or is disabled.
/// </summary>
public partial class SignInThrottleTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static int next = 10;

    /// <summary>A fresh client address per use, so tests do not share allowances.</summary>
    private static string NewAddress() => $"10.0.{Interlocked.Increment(ref next) / 250}.{next % 250 + 1}";

    private async Task<HttpResponseMessage> ApiLoginAsync(string email, string password, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(AccountsApp.ClientHeader, address);
        return await app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task Eleven_quick_bad_api_logins_from_one_address_are_throttled_before_the_account_locks()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var attacker = NewAddress();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 11; i++)
        {
            var response = await ApiLoginAsync(email, "wrong-password", attacker);
            statuses.Add(response.StatusCode);
            throttled ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 7)], statuses);
        Assert.True(int.TryParse(throttled!.Headers.GetValues("Retry-After").Single(), out var seconds) && seconds > 0);
        Assert.Contains("Too many sign-in attempts", await throttled.Content.ReadAsStringAsync());
        // The attacker's address stays throttled even with the right password; the owner, elsewhere, signs in: not locked.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ApiLoginAsync(email, MinerPivotApp.UserPassword, attacker)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiLoginAsync(email, MinerPivotApp.UserPassword, NewAddress())).StatusCode);
    }

    [Fact]
    public async Task The_login_page_is_throttled_per_address_too_and_showing_the_form_is_free()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var attacker = NewAddress();
        var client = await app.CookieClientAsync(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await AdminTab.PostLoginFormAsync(client, email, "wrong-password", attacker)).StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var throttled = await AdminTab.PostLoginFormAsync(client, email, MinerPivotApp.UserPassword, attacker);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.Contains("Retry-After"));
        Assert.Contains("Too many sign-in attempts", await throttled.Content.ReadAsStringAsync());

        using var form = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        form.Headers.Add(AccountsApp.ClientHeader, attacker);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(form)).StatusCode);
        // Another address signs in with the page: redirected into the app.
        var owner = await AdminTab.PostLoginFormAsync(await app.CookieClientAsync(null), email, MinerPivotApp.UserPassword, NewAddress());
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
    }

    [Fact]
    public async Task Unknown_wrong_locked_and_disabled_accounts_get_the_same_api_answer()
    {
        var known = await app.CreateUserAsync(Roles.Analyst);
        var locked = await app.CreateUserAsync(Roles.Analyst);
        var disabled = await app.CreateUserAsync(Roles.Analyst);
        // Five failures from five addresses: a spread-out attacker can still lock an account (new sign-ins only).
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLoginAsync(locked, "wrong-password", NewAddress())).StatusCode);
        }
        var disabledId = await AdminTab.IdOfAsync(app, disabled);
        Assert.Null(await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.SetDisabledAsync(disabledId, true)));

        var answers = new[]
        {
            await ApiLoginAsync($"nobody-{Guid.NewGuid():N}@test.local", MinerPivotApp.UserPassword, NewAddress()),
            await ApiLoginAsync(known, "wrong-password", NewAddress()),
            await ApiLoginAsync(locked, MinerPivotApp.UserPassword, NewAddress()),
            await ApiLoginAsync(locked, "wrong-password", NewAddress()),
            await ApiLoginAsync(disabled, MinerPivotApp.UserPassword, NewAddress()),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        var bodies = new List<string>();
        foreach (var answer in answers)
        {
            var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("traceId");
            bodies.Add(body.ToJsonString());
        }
        Assert.Single(bodies.Distinct());
        Assert.DoesNotContain("LockedOut", bodies[0]);
    }

    [Fact]
    public async Task Unknown_wrong_locked_and_disabled_accounts_get_the_same_login_page()
    {
        var known = await app.CreateUserAsync(Roles.Analyst);
        var locked = await app.CreateUserAsync(Roles.Analyst);
        var disabled = await app.CreateUserAsync(Roles.Analyst);
        for (var i = 0; i < 5; i++)
        {
            await ApiLoginAsync(locked, "wrong-password", NewAddress());
        }
        var disabledId = await AdminTab.IdOfAsync(app, disabled);
        Assert.Null(await AdminTab.AsAsync(app, MinerPivotApp.AdminEmail, admin => admin.SetDisabledAsync(disabledId, true)));

        var outcomes = new List<(HttpStatusCode Status, string Message)>();
        foreach (var (email, password) in new[]
        {
            ($"nobody-{Guid.NewGuid():N}@test.local", MinerPivotApp.UserPassword),
            (known, "wrong-password"),
            (locked, MinerPivotApp.UserPassword),
            (disabled, MinerPivotApp.UserPassword),
        })
        {
            var response = await AdminTab.PostLoginFormAsync(await app.CookieClientAsync(null), email, password, NewAddress());
            var html = await response.Content.ReadAsStringAsync();
            outcomes.Add((response.StatusCode, AlertRegex().Match(html).Groups[1].Value.Trim()));
        }

        Assert.All(outcomes, o => Assert.Equal(HttpStatusCode.OK, o.Status));
        Assert.Contains("do not match an account", outcomes[0].Message);
        Assert.Single(outcomes.Distinct());
    }

    [GeneratedRegex("<div class=\"alert[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex AlertRegex();
}

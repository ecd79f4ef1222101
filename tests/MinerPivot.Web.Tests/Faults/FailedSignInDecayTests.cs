using System.Net;
using System.Net.Http.Json;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>
/// Failed passwords count towards lockout only within <c>Accounts:FailedSignInWindow</c> (10 min) of the first of them,
/// so one client address kept under the sign-in throttle (4 per sliding 15 min) can never lock an account, however
/// long it keeps trying; five failures inside the window still lock it.
/// The throttle runs on the real clock and the failure window on the app's (fake) one: where the test moves time on,
/// a fresh address stands for the same client after its throttle window.
/// </summary>
public class FailedSignInDecayTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static int next = 10;

    private static string NewAddress() => $"10.1.{Interlocked.Increment(ref next) / 250}.{next % 250 + 1}";

    private async Task<HttpStatusCode> ApiLoginAsync(string email, string password, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(AccountsApp.ClientHeader, address);
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    private async Task FailAsync(string email, int times, string address, TimeSpan apart = default)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await ApiLoginAsync(email, "wrong-password", address));
            app.Clock.Advance(apart);
        }
    }

    [Fact]
    public async Task Four_bad_passwords_then_four_more_after_the_window_do_not_lock_the_account()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);

        await FailAsync(email, 4, NewAddress());
        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await FailAsync(email, 4, NewAddress());

        Assert.Equal(HttpStatusCode.OK, await ApiLoginAsync(email, MinerPivotApp.UserPassword, NewAddress()));
    }

    [Fact]
    public async Task One_attempt_every_four_minutes_which_the_throttle_admits_never_locks_the_account()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);

        // Counting from the last failure instead of the first would lock at the fifth of these.
        for (var i = 0; i < 3; i++)
        {
            await FailAsync(email, 4, NewAddress(), apart: TimeSpan.FromMinutes(4));
        }

        Assert.Equal(HttpStatusCode.OK, await ApiLoginAsync(email, MinerPivotApp.UserPassword, NewAddress()));
    }

    [Fact]
    public async Task Five_bad_passwords_inside_the_window_lock_the_account()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);

        await FailAsync(email, 3, NewAddress(), apart: TimeSpan.FromMinutes(2));
        await FailAsync(email, 2, NewAddress(), apart: TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiLoginAsync(email, MinerPivotApp.UserPassword, NewAddress()));
    }

    [Fact]
    public async Task A_right_password_ends_the_run_of_failures()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);

        await FailAsync(email, 4, NewAddress());
        Assert.Equal(HttpStatusCode.OK, await ApiLoginAsync(email, MinerPivotApp.UserPassword, NewAddress()));
        await FailAsync(email, 4, NewAddress());

        Assert.Equal(HttpStatusCode.OK, await ApiLoginAsync(email, MinerPivotApp.UserPassword, NewAddress()));
    }
}

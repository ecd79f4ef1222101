using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Features.Users;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>
/// The app with sign-in throttling at its defaults. The in-memory test server has no client address; a request's
/// <see cref="ClientHeader"/> becomes its address, first in the pipeline, as UseForwardedHeaders would set it.
/// </summary>
public class AccountsApp : MinerPivotApp
{
    public const string ClientHeader = "X-Test-Client-Address";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Accounts:SignInPermitLimit"] = "4",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Runs <see cref="UserAdministration"/> as a signed-in admin's open tab would: with that admin's principal.</summary>
internal static class AdminTab
{
    /// <summary>The principal an account would have right after signing in now.</summary>
    public static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(MinerPivotApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.UserManager.FindByEmailAsync(email) ?? throw new InvalidOperationException($"no user {email}");
        return await signIn.CreateUserPrincipalAsync(user);
    }

    public static async Task<T> AsAsync<T>(MinerPivotApp app, System.Security.Claims.ClaimsPrincipal principal, Func<UserAdministration, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var state = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return await act(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    public static async Task<T> AsAsync<T>(MinerPivotApp app, string adminEmail, Func<UserAdministration, Task<T>> act) =>
        await AsAsync(app, await PrincipalAsync(app, adminEmail), act);

    public static Task<string> IdOfAsync(MinerPivotApp app, string email) => AsAsync(app, MinerPivotApp.AdminEmail,
        async admin => (await admin.ListAsync()).Single(u => u.Email == email).Id);

    /// <summary>A form post of the login page, with its antiforgery token (the client keeps the antiforgery cookie).</summary>
    public static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string email, string password, string? clientAddress = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        if (clientAddress is not null) get.Headers.Add(AccountsApp.ClientHeader, clientAddress);
        var page = await (await client.SendAsync(get)).Content.ReadAsStringAsync();
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }),
        };
        if (clientAddress is not null) post.Headers.Add(AccountsApp.ClientHeader, clientAddress);
        return await client.SendAsync(post);
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E.Faults;

/// <summary>
/// An admin in Chromium locks one user, disables another and resets a third one's password on /admin/users, against the
/// published app (real clock) with a short <c>Accounts:RevalidationInterval</c>: each user's open tab loses access by
/// itself, the locked and disabled users cannot sign in, the old password fails and the new one works.
/// </summary>
public sealed partial class UserAdministrationPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Revalidation = TimeSpan.FromSeconds(2);
    private const string Password = "Initial-Pass-1!";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private AppProcess _app = null!;
    private readonly List<string> _adminErrors = [];

    public async Task InitializeAsync()
    {
        _app = await AppProcess.StartAsync(new AppProcessOptions
        {
            SeedDemoData = false,
            // One address signs in many times here; the throttle has its own tests.
            Arguments = [$"--Accounts:RevalidationInterval={Revalidation:c}", "--Accounts:SignInPermitLimit=0"],
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSession<MinerPivotApp>.ChromiumPath(),
            Headless = true,
            Args = BrowserSession<MinerPivotApp>.ChromiumFlags,
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Lock_disable_and_password_reset_end_open_tabs_and_decide_who_can_sign_in()
    {
        var admin = await SignInAsync(_app.AdminEmail, _app.AdminPassword);
        admin.Console += (_, message) => { if (message.Type == "error") _adminErrors.Add(message.Text); };
        await admin.GotoAsync("/admin/users");
        await BrowserSession<MinerPivotApp>.WaitForInteractiveAsync(admin);
        var locked = await AddUserAsync(admin, "locked");
        var disabled = await AddUserAsync(admin, "disabled");
        var reset = await AddUserAsync(admin, "reset");

        // Each of them has the app open in a tab.
        var tabs = new Dictionary<string, IPage>();
        foreach (var email in new[] { locked, disabled, reset })
        {
            tabs[email] = await SignInAsync(email, Password);
            await Expect(tabs[email].GetByRole(AriaRole.Heading, new() { Name = "Signpost board" })).ToBeVisibleAsync();
            await BrowserSession<MinerPivotApp>.WaitForInteractiveAsync(tabs[email]);
        }

        var clock = Stopwatch.StartNew();
        await Row(admin, locked).GetByRole(AriaRole.Button, new() { Name = "Lock" }).ClickAsync();
        await Expect(Row(admin, locked).GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("locked until unlocked");
        await Expect(Row(admin, locked).GetByRole(AriaRole.Button, new() { Name = "Unlock" })).ToBeVisibleAsync();
        await Expect(AdminSupport.Toast(admin, $"{locked} is locked until unlocked")).ToBeVisibleAsync();

        await Row(admin, disabled).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(Row(admin, disabled).GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("disabled");
        await Expect(Row(admin, disabled).GetByRole(AriaRole.Button, new() { Name = "Enable" })).ToBeVisibleAsync();

        await Row(admin, reset).GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        var shown = admin.GetByRole(AriaRole.Status, new() { Name = "New password" });
        await Expect(shown).ToContainTextAsync($"New password for {reset}");
        var newPassword = (await shown.Locator("code").TextContentAsync())!.Trim();
        Assert.True(newPassword.Length >= 10, $"new password '{newPassword}'");
        await Expect(Row(admin, reset).GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("active");

        // The open tabs sign themselves out (the revalidation runs every 2 s; a loaded machine may add a few seconds).
        foreach (var (email, tab) in tabs)
        {
            await Expect(tab).ToHaveURLAsync(LoginUrl(), new() { Timeout = 30_000 });
            await Expect(tab.GetByRole(AriaRole.Heading, new() { Name = "Sign in to MinerPivot" })).ToBeVisibleAsync();
        }
        var signedOutAfter = clock.Elapsed;
        Assert.True(signedOutAfter < TimeSpan.FromSeconds(30), $"the tabs were signed out after {signedOutAfter.TotalSeconds:0.0} s");

        // Who can sign in now: the same message for every refusal.
        await ExpectRefusedAsync(locked, Password);
        await ExpectRefusedAsync(disabled, Password);
        await ExpectRefusedAsync(reset, Password);
        var back = await SignInAsync(reset, newPassword);
        await Expect(back.GetByRole(AriaRole.Heading, new() { Name = "Signpost board" })).ToBeVisibleAsync();

        await admin.ReloadAsync();
        await BrowserSession<MinerPivotApp>.WaitForInteractiveAsync(admin);
        await Expect(Row(admin, locked).GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("locked until unlocked");
        await AdminSupport.ScreenshotsAsync(admin, "admin-users-actions");
        Assert.True(_adminErrors.Count == 0, string.Join("\n", _adminErrors));
    }

    private static ILocator Row(IPage page, string email) => page.Locator("table[aria-label='Users'] tbody tr", new() { HasText = email });

    private static async Task<string> AddUserAsync(IPage admin, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@test.local";
        await admin.GetByLabel("Email").FillAsync(email);
        await admin.GetByLabel("Initial password").FillAsync(Password);
        await admin.GetByLabel("Role").SelectOptionAsync("analyst");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Expect(Row(admin, email)).ToBeVisibleAsync();
        await Expect(Row(admin, email).GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("active");
        return email;
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    private async Task<IPage> SubmitLoginAsync(string email, string password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await SubmitLoginAsync(email, password);
        await Expect(page).Not.ToHaveURLAsync(LoginUrl());
        return page;
    }

    private async Task ExpectRefusedAsync(string email, string password)
    {
        var page = await SubmitLoginAsync(email, password);
        await Expect(page.Locator(".alert-danger")).ToContainTextAsync("do not match an account");
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginUrl();
}

using Microsoft.Playwright;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

public class UsersPageTests(BrowserSession<MinerPivotApp> session) : IClassFixture<BrowserSession<MinerPivotApp>>
{
    [Fact]
    public async Task An_admin_adds_a_pm_who_can_then_sign_in_and_is_refused_the_admin_pages()
    {
        var page = await session.SignedInPageAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword);
        await page.GotoAsync("/admin/users");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users and roles" })).ToBeVisibleAsync();
        await BrowserSession<MinerPivotApp>.WaitForInteractiveAsync(page);

        var email = $"pm-{Guid.NewGuid():N}@test.local"[..24] + "@test.local";
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Initial password").FillAsync("Pm-Password-1!");
        await page.GetByLabel("Role").SelectOptionAsync(Roles.Pm);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();

        var row = page.Locator("table[aria-label='Users'] tbody tr", new() { HasText = email });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByLabel(Roles.Pm)).ToBeCheckedAsync();
        await Expect(row.GetByLabel(Roles.Admin)).Not.ToBeCheckedAsync();
        await Screenshots.SaveAsync(page, "admin-users-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await Screenshots.SaveAsync(page, "admin-users-narrow");
        await Screenshots.AssertNoHorizontalOverflowAsync(page);
        await page.Context.CloseAsync();

        var pm = await session.SignedInPageAsync(email, "Pm-Password-1!");
        await Expect(pm.GetByRole(AriaRole.Heading, new() { Name = "Signpost board" })).ToBeVisibleAsync();
        await Expect(pm.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await pm.GotoAsync("/admin/users");
        await Expect(pm.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await pm.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_on_the_login_page()
    {
        var context = await session.Browser.NewContextAsync(new() { BaseURL = session.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/users");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.GetByLabel("Email").FillAsync(MinerPivotApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".alert-danger")).ToContainTextAsync("do not match an account");
        await Screenshots.SaveAsync(page, "login-error-desktop");
        await context.CloseAsync();
    }
}

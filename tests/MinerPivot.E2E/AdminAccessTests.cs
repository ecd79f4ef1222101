using Microsoft.Playwright;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

public class AdminAccessTests(BrowserSession<MinerPivotApp> session) : IClassFixture<BrowserSession<MinerPivotApp>>
{
    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Pm)]
    public async Task Non_admins_see_no_admin_link_and_are_refused_every_admin_page(string role)
    {
        var email = await session.App.CreateUserAsync(role);
        var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signpost board" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);

        foreach (var path in new[] { "/admin", "/admin/quarters", "/admin/quarters/new", "/admin/tranches/1", "/admin/import", "/admin/audit" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
            await Expect(page.Locator(".admin-nav")).ToHaveCountAsync(0);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_reaches_the_workspace_from_one_header_link()
    {
        var page = await session.SignedInPageAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword, 390, 844);
        await BrowserSession<MinerPivotApp>.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Audit" })).ToBeVisibleAsync();
        await Screenshots.AssertNoHorizontalOverflowAsync(page);
        await page.Context.CloseAsync();
    }
}

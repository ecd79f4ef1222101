using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

/// <summary>Helpers of the admin workspace tests.</summary>
internal static class AdminSupport
{
    public static async Task<MinerPivotDbContext> DbAsync(MinerPivotApp app) =>
        await app.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync();

    /// <summary>Opens a page as the admin and waits until its circuit is live.</summary>
    public static async Task<IPage> AdminPageAsync<TApp>(BrowserSession<TApp> session, string path, int width = 1400, int height = 900)
        where TApp : MinerPivotApp, new()
    {
        var page = await session.SignedInPageAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword, width, height);
        await GotoInteractiveAsync(page, path);
        return page;
    }

    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserSession<MinerPivotApp>.WaitForInteractiveAsync(page);
    }

    /// <summary>
    /// Chooses files in a Blazor InputFile once it listens: it attaches its change listener by JS interop after the first
    /// interactive render (marking the element), so files set before that would go unnoticed.
    /// </summary>
    public static async Task SetFilesAsync(IPage page, string selector, params FilePayload[] files)
    {
        await page.WaitForFunctionAsync($"() => document.querySelector('{selector}')?._blazorInputFileNextFileId !== undefined");
        await page.Locator(selector).SetInputFilesAsync(files);
    }

    /// <summary>The toast BootstrapBlazor shows after a save.</summary>
    public static ILocator Toast(IPage page, string text) => page.Locator(".toast", new() { HasText = text });

    /// <summary>Screenshots at desktop and narrow width, with the narrow layout checked for sideways scrolling.</summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        var viewport = page.ViewportSize;
        await page.SetViewportSizeAsync(1400, 900);
        await Screenshots.SaveAsync(page, $"{name}-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"{name}-narrow");
        await Screenshots.AssertNoHorizontalOverflowAsync(page);
        if (viewport is not null)
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        }
    }
}

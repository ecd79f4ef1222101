using Microsoft.Playwright;
using MinerPivot.TestSupport;

namespace MinerPivot.E2E;

/// <summary>
/// The app on a real port plus a headless Chromium. The browser is the machine's own (MINERPIVOT_CHROMIUM, else
/// /usr/bin/chromium, else Google Chrome); Playwright never downloads one.
/// </summary>
public class BrowserSession<TApp> : IAsyncLifetime where TApp : MinerPivotApp, new()
{
    public static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    public TApp App { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public async Task InitializeAsync()
    {
        BaseAddress = await App.InitializeOnRealPortAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ChromiumFlags,
        });
    }

    public static string ChromiumPath()
    {
        if (Environment.GetEnvironmentVariable("MINERPIVOT_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/opt/google/chrome/chrome" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("No Chromium found: install it (Debian: apt-get install chromium) or set MINERPIVOT_CHROMIUM.");
    }

    /// <summary>A new browser context (its own cookies) with a page signed in as the given user.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string password, int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                ConsoleErrors.Add($"{response.Status} {response.Url}");
            }
        };
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        return page;
    }

    /// <summary>Waits until the page's Blazor circuit is connected, so clicks reach interactive handlers.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator(".app-shell[data-interactive='true']").WaitForAsync();

    /// <summary>Errors the pages wrote to the browser console; a test asserts this stays empty.</summary>
    public List<string> ConsoleErrors { get; } = [];

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}

public static class Screenshots
{
    /// <summary>Fails when the page is wider than the viewport (a narrow layout that scrolls sideways), naming the culprits.</summary>
    public static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var culprits = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              // Content of a container that scrolls sideways on its own (a wide table, a row of links) does not widen the page,
              // unless it is positioned out of it (an absolutely positioned label inside a scrolling table does).
              const scrolls = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
              const describe = e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`;
              const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1);
              const culprits = wide.filter(e => !e.closest('.table-responsive, .chart-scroll') && !scrolls(e));
              const positioned = wide.filter(e => ['absolute', 'fixed'].includes(getComputedStyle(e).position));
              const found = culprits.length > 0 ? culprits : positioned.length > 0 ? positioned : wide;
              return [`page is ${document.documentElement.scrollWidth}px wide`, ...found.slice(0, 8).map(describe)];
            }
            """);
        Assert.True(culprits.Length == 0, $"{page.Url} is wider than the viewport: {string.Join("; ", culprits)}");
    }

    /// <summary>Saves a full-page PNG under artifacts/screenshots at the repository root, for a person to look at.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MinerPivot.sln")))
            {
                return dir.FullName;
            }
        }
        return Path.GetTempPath();
    }
}

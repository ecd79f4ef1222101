using System.Diagnostics;
using Microsoft.Playwright;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E.Faults;

/// <summary>The published app on its embedded database, in Chromium, while that database is killed and comes back.</summary>
public sealed class DatabaseOutagePagesTests : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
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
    }

    [Fact]
    public async Task While_the_database_is_down_a_save_keeps_the_input_pages_say_retrying_and_all_recovers_by_itself()
    {
        await using var app = await AppProcess.StartAsync();
        var page = await SignedInAsync(app);
        await page.GotoAsync("/admin/companies/new");
        await BrowserSession<MinerPivotApp>.WaitForInteractiveAsync(page);
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New company" });
        await form.GetByLabel("Ticker").FillAsync("DOWN");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Outage Mining Inc.");

        using var outage = Outage.Begin(app);

        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not saved: the database is temporarily unavailable. Your input is kept here");
        await Expect(form.GetByLabel("Ticker")).ToHaveValueAsync("DOWN");
        await Expect(form.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Outage Mining Inc.");

        // A page opened in the running app (no reload): it says so, and retries by itself.
        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts" }).First.ClickAsync();
        await Expect(page.GetByText("Data temporarily unavailable — retrying…")).ToBeVisibleAsync();

        // A page loaded from scratch: the same words, and it loads by itself once the database is back.
        var fresh = await page.Context.NewPageAsync();
        await fresh.GotoAsync("/companies/CORZ?asOf=2026-05-31");
        await Expect(fresh.GetByText("Data temporarily unavailable — retrying…")).ToBeVisibleAsync();

        outage.End();
        var recovery = new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 };
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 })).ToBeVisibleAsync(recovery);
        await Expect(page.GetByText("Data temporarily unavailable")).ToHaveCountAsync(0);
        await Expect(fresh.GetByRole(AriaRole.Heading, new() { Name = "Core Scientific" })).ToBeVisibleAsync(recovery);
    }

    private async Task<IPage> SignedInAsync(AppProcess app)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(app.AdminEmail);
        await page.GetByLabel("Password").FillAsync(app.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signpost board" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// A database outage the test ends when it is done looking: the server is killed (SIGKILL) with its data folder moved
    /// aside, so the app's restarts fail (and back off) until the folder is back.
    /// </summary>
    private sealed class Outage : IDisposable
    {
        private readonly string _pgdata;
        private readonly string _aside;
        private bool _ended;

        private Outage(string pgdata)
        {
            _pgdata = pgdata;
            _aside = pgdata + "-away";
        }

        public static Outage Begin(AppProcess app)
        {
            var pid = app.EmbeddedPostgresPid() ?? throw new InvalidOperationException("No embedded PostgreSQL is running.");
            var outage = new Outage(Path.Combine(app.DataDir, "pgdata"));
            Directory.Move(outage._pgdata, outage._aside);
            using var postmaster = Process.GetProcessById(pid);
            postmaster.Kill();
            postmaster.WaitForExit();
            return outage;
        }

        public void End()
        {
            if (!_ended)
            {
                _ended = true;
                Directory.Move(_aside, _pgdata);
            }
        }

        public void Dispose() => End();
    }
}

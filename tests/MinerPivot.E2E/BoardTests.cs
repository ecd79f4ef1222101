using Microsoft.Playwright;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

/// <summary>The signpost board on the demo dataset, viewed as of 2026-05-31 (the demo's date; the clock is 2026-05-31 too).</summary>
public class BoardTests(BrowserSession<MinerPivotDemoApp> session) : IClassFixture<BrowserSession<MinerPivotDemoApp>>
{
    private const string AsOf = "2026-05-31";

    // What PRODUCT.md's rules give for the demo data at 2026-05-31 (worked out from the CSV files by an independent
    // script, not read off the app): the verdict, then one headline status per signpost in board order (colocation
    // momentum, billable MW target, contract delivery, RFS slippage, mining margin, revenue visibility, speed to cash,
    // demand integrity). A signpost with several evaluations shows its worst; a company without targets or contracts
    // shows "no data" there. Speed to cash counts from the later of site acquisition and contract signing (rule 7).
    public static readonly (string Ticker, string Verdict, string[] Statuses)[] Expected =
    [
        ("APLD", "insufficient data", ["no data", "no data", "on track", "ok", "breached", "ok", "met", "ok"]),
        ("BITF", "insufficient data", ["no data", "no data", "no data", "no data", "breached", "no data", "no data", "ok"]),
        ("BTDR", "insufficient data", ["no data", "no data", "no data", "no data", "breached", "no data", "no data", "ok"]),
        ("CIFR", "watch", ["no data", "no data", "at risk", "ok", "breached", "ok", "at risk", "ok"]),
        ("CLSK", "insufficient data", ["no data", "no data", "no data", "no data", "breached", "no data", "no data", "ok"]),
        ("CORZ", "reverting to miner", ["met", "missed", "at risk", "breached", "breached", "ok", "missed", "ok"]),
        ("GLXY", "watch", ["no data", "no data", "at risk", "ok", "breached", "ok", "at risk", "ok"]),
        ("HIVE", "insufficient data", ["no data", "no data", "no data", "no data", "breached", "no data", "no data", "ok"]),
        ("HUT", "insufficient data", ["no data", "no data", "on track", "ok", "breached", "ok", "missed", "ok"]),
        ("IREN", "re-rating supported", ["met", "no data", "on track", "ok", "breached", "ok", "met", "ok"]),
        ("RIOT", "insufficient data", ["no data", "no data", "on track", "ok", "breached", "ok", "met", "ok"]),
        ("WULF", "reverting to miner", ["on track", "no data", "missed", "breached", "breached", "ok", "met", "ok"]),
    ];

    private ILocator Rows(IPage page) => page.Locator("table[aria-label='Signpost board'] tbody tr");

    private async Task<IPage> BoardAsync(int width = 1400, int height = 900, string query = $"?asOf={AsOf}")
    {
        var email = await session.App.CreateUserAsync(Roles.Analyst);
        var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword, width, height);
        await page.GotoAsync("/" + query);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signpost board" })).ToBeVisibleAsync();
        await BrowserSession<MinerPivotDemoApp>.WaitForInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task The_board_shows_every_company_with_its_verdict_and_signpost_statuses()
    {
        var page = await BoardAsync();
        await Expect(Rows(page)).ToHaveCountAsync(Expected.Length);
        // Sorted by ticker so the rows line up with the table above.
        await page.GetByRole(AriaRole.Button, new() { Name = "Company" }).ClickAsync();
        await Expect(page.Locator("th[aria-sort='ascending']")).ToContainTextAsync("Company");
        for (var i = 0; i < Expected.Length; i++)
        {
            var (ticker, verdict, statuses) = Expected[i];
            var row = Rows(page).Nth(i);
            await Expect(row.Locator(".ticker")).ToHaveTextAsync(ticker);
            await Expect(row.Locator(".verdict-cell .status-badge")).ToHaveTextAsync(verdict);
            await Expect(row.Locator(".signpost-cell .status-badge")).ToHaveTextAsync(statuses);
        }
        var corz = page.Locator("tr[data-ticker='CORZ']");
        await Expect(corz.Locator("td[data-key='colocation_momentum']")).ToContainTextAsync("+801.2%");
        await Expect(corz.Locator("td[data-key='billable_mw_target']")).ToContainTextAsync("243 MW / 250 MW (worst of 2)");
        await Expect(corz.Locator("td[data-key='revenue_visibility']")).ToContainTextAsync("$1.2M/MW-yr");
        await Expect(corz.Locator("td[data-key='mining_margin']")).ToContainTextAsync("−8.4%");
        // The default "changes since" date is one quarter back (2026-03-01).
        // On 2026-03-01 no quarter reported billable MW, so the 250 MW target had no data (a missing figure is not a miss).
        await Expect(corz.Locator(".changes")).ToHaveTextAsync(
            "since 2026-03-01: Colocation momentum on track → met; Billable MW target no data → missed");
        await Expect(page.Locator("tr[data-ticker='WULF'] .changes")).ToHaveTextAsync("no status moved since 2026-03-01");
        await Expect(page.Locator("tr[data-ticker='HUT'] .changes")).ToHaveTextAsync("no status moved since 2026-03-01");
        // The rule is on the signpost's name.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "RFS slippage" })).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("Slip days = current RFS − baseline RFS"));

        await PageChecks.ScreenshotBothWidthsAsync(page, "board");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task Sorting_and_filtering_change_the_rows_and_a_click_opens_the_company()
    {
        var page = await BoardAsync();
        // Default order: worst verdict first.
        await Expect(Rows(page).Nth(0).Locator(".verdict-cell")).ToHaveTextAsync("reverting to miner");
        await Expect(Rows(page).Nth(1).Locator(".verdict-cell")).ToHaveTextAsync("reverting to miner");

        await page.GetByLabel("Verdict").SelectOptionAsync("watch");
        await Expect(Rows(page)).ToHaveCountAsync(2);
        await Expect(Rows(page).Locator(".ticker")).ToHaveTextAsync(["CIFR", "GLXY"]);

        await page.GetByLabel("Verdict").SelectOptionAsync("");
        await page.GetByLabel("With a signpost").SelectOptionAsync("missed");
        await Expect(Rows(page).Locator(".ticker")).ToHaveTextAsync(["CORZ", "WULF", "HUT"]);

        await page.GetByLabel("With a signpost").SelectOptionAsync("");
        await page.GetByLabel("only what changed").CheckAsync();
        await Expect(Rows(page).Locator(".ticker")).ToHaveTextAsync(["CORZ"]);
        await page.GetByLabel("only what changed").UncheckAsync();

        await page.GetByLabel("Filter").FillAsync("iren");
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await page.GetByLabel("Filter").FillAsync("zzz");
        await Expect(page.GetByText("No company matches these filters.")).ToBeVisibleAsync();
        await page.GetByLabel("Filter").FillAsync("");

        // Sorting by colocation momentum puts the worst status first (met is better than on track).
        await page.GetByRole(AriaRole.Button, new() { Name = "Colocation momentum" }).ClickAsync();
        await Expect(Rows(page).Locator(".ticker").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("IREN|WULF"));

        await page.Locator("tr[data-ticker='GLXY'] td.verdict-cell").ClickAsync();
        // Enhanced navigation fetches the page and fires no load event: wait for the address, not for a load.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/companies/GLXY\?asOf=2026-05-31"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("GLXY");
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task Export_downloads_a_csv_with_the_rows_shown()
    {
        var page = await BoardAsync();
        await page.GetByLabel("Verdict").SelectOptionAsync("reverting_to_miner");
        await Expect(Rows(page)).ToHaveCountAsync(2);
        var (name, lines) = await PageChecks.DownloadCsvAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }));
        Assert.Equal("signpost-board-2026-05-31.csv", name);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ticker,name,verdict,colocation_momentum,colocation_momentum_value,", lines[0]);
        var shown = await Rows(page).Locator(".ticker").AllTextContentsAsync();
        Assert.Equal(shown, lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains(",reverting_to_miner,met,801.16,missed,243", lines.Single(l => l.StartsWith("CORZ,", StringComparison.Ordinal)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_earlier_as_of_date_and_changes_since_date_come_from_the_url_and_the_form()
    {
        var page = await BoardAsync();
        await page.GetByLabel("As of").FillAsync("2026-03-01");
        await page.GetByLabel("changes since").FillAsync("2025-12-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"asOf=2026-03-01.*since=2025-12-01|since=2025-12-01.*asOf=2026-03-01"));
        var corz = page.Locator("tr[data-ticker='CORZ']");
        // On 2026-03-01 Q1 2026 was not reported: momentum was on track at +45.6% YoY and the 250 MW target had no data.
        await Expect(corz.Locator("td[data-key='colocation_momentum'] .status-badge")).ToHaveTextAsync("on track");
        await Expect(corz.Locator("td[data-key='colocation_momentum']")).ToContainTextAsync("+45.6%");
        await Expect(corz.Locator("td[data-key='billable_mw_target'] .status-badge")).ToHaveTextAsync("no data");
        await Expect(corz.Locator("td[data-key='mining_margin']")).ToContainTextAsync("−20%");
        await Expect(page.GetByText("changes since 2025-12-01")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_malformed_as_of_date_says_so_and_shows_today()
    {
        var page = await BoardAsync(query: "?asOf=31-05-2026");
        await Expect(page.Locator(".alert-warning")).ToContainTextAsync("\"31-05-2026\" is not a date in the form YYYY-MM-DD");
        await Expect(Rows(page)).ToHaveCountAsync(Expected.Length);
        await page.Context.CloseAsync();
    }
}

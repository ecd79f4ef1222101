using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MinerPivot.E2E;

/// <summary>The demo app recording every SQL command it sends.</summary>
public sealed class CommandRecordingDemoApp : MinerPivotDemoApp
{
    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>Database connections opened through a DbContext (one per context that reads, whatever it sends).</summary>
    public int ConnectionsOpened => _opened.Count;

    private readonly Opened _opened = new();

    // Without the fact store's cache every visit reads the database, so a second read in a visit would show.
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Facts:CacheRowLimit"] = "0" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            services.ConfigureDbContext<MinerPivotDbContext>(options => options.AddInterceptors(new Recorder(Commands), _opened)));
    }

    private sealed class Opened : DbConnectionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ConnectionOpenedAsync(connection, eventData, cancellationToken);
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            Interlocked.Increment(ref _count);
            base.ConnectionOpened(connection, eventData);
        }
    }

    private sealed class Recorder(ConcurrentQueue<string> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

/// <summary>A page reads its data once per visit: the interactive render reuses what the prerender persisted.</summary>
public class SingleLoadTests(BrowserSession<CommandRecordingDemoApp> session) : IClassFixture<BrowserSession<CommandRecordingDemoApp>>
{
    private int Count(Func<string, bool> marker) => session.App.Commands.Count(marker);

    [Fact]
    public async Task The_board_and_the_company_page_each_read_their_data_once_per_visit()
    {
        var email = await session.App.CreateUserAsync(Roles.Analyst);
        var page = await session.SignedInPageAsync(email, MinerPivotApp.UserPassword);

        // The board reads every company's facts (split queries; this is the first, of the companies themselves).
        static bool BoardRead(string sql) =>
            sql.Contains("FROM companies AS c", StringComparison.Ordinal) && !sql.Contains("JOIN", StringComparison.Ordinal)
            && sql.TrimEnd().EndsWith("ORDER BY c.ticker, c.id", StringComparison.Ordinal);
        var before = Count(BoardRead);
        await page.GotoAsync("/?asOf=2026-01-31");
        await BrowserSession<CommandRecordingDemoApp>.WaitForInteractiveAsync(page);
        await Expect(page.Locator("table[aria-label='Signpost board'] tbody tr")).ToHaveCountAsync(BoardTests.Expected.Length);
        // A round trip through the circuit: the click is handled after the page's interactive initialisation began,
        // so a second read, had the persisted state been dropped, is issued before the sorted rows come back.
        await page.GetByRole(AriaRole.Button, new() { Name = "Company" }).ClickAsync();
        await Expect(page.Locator("th[aria-sort='ascending']")).ToContainTextAsync("Company");
        await Expect(page.Locator("table[aria-label='Signpost board'] tbody tr")).ToHaveCountAsync(BoardTests.Expected.Length);
        Assert.Equal(1, Count(BoardRead) - before);

        // The company page is one evaluation per visit (its snapshot carries the tables', charts' and CSVs' data): one
        // database connection, where it used to open five contexts side by side.
        await page.GotoAsync("/companies/CORZ?asOf=2026-05-31");
        await BrowserSession<CommandRecordingDemoApp>.WaitForInteractiveAsync(page);
        await PageChecks.WaitForChartsAsync(page, 4);
        var opened = session.App.ConnectionsOpened;
        await page.GotoAsync("/companies/CORZ?asOf=2026-05-30");
        await BrowserSession<CommandRecordingDemoApp>.WaitForInteractiveAsync(page);
        // Charts are drawn by the interactive render, after its initialisation (a second read included) completed.
        await PageChecks.WaitForChartsAsync(page, 4);
        Assert.Equal(1, session.App.ConnectionsOpened - opened);
        await page.Context.CloseAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MinerPivot.Core.Domain;
using MinerPivot.Data;
using MinerPivot.Data.Facts;
using MinerPivot.TestSupport;
using MinerPivot.Web.Tests.Api;
using Npgsql;

namespace MinerPivot.Web.Tests.Facts;

/// <summary>
/// The fact store on the sample data (a database of its own, as the tests alter it): which tables it treats as facts,
/// and which writes expire what it cached. Each test uses a store of its own whose change signal hears only this
/// process's writes (no listener), so what expires the cache is the write itself, not a notification.
/// </summary>
public class FactStoreTests(SampleDataApp app) : IClassFixture<SampleDataApp>
{
    private static readonly DateOnly Q1 = new(2026, 3, 31);

    [Fact]
    public async Task The_fact_tables_come_from_the_model_and_each_has_the_change_trigger()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync();
        var model = FactModel.Of(db.Model);

        Assert.Equal(["companies", "contract_events", "contracts", "quarterly_figures", "rfs_revisions", "sites", "targets", "tranches"],
            model.CompanyTables.Order(StringComparer.Ordinal));
        Assert.Equal(["btc_prices", "indicator_values"], model.MarketTables.Order(StringComparer.Ordinal));
        var withTrigger = await db.Database.SqlQueryRaw<string>("""
            SELECT c.relname AS "Value" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE p.proname = 'minerpivot_notify_data_changed' AND (t.tgtype & 1) = 0
            """).ToListAsync();
        Assert.Empty(model.AllTables.Except(withTrigger));
    }

    [Fact]
    public async Task A_cached_company_is_reused_until_a_write_through_the_app_commits()
    {
        var (store, dbFactory) = Create();
        var first = await store.GetCompanyAsync(SampleData.Ticker);
        Assert.Same(first, await store.GetCompanyAsync(SampleData.Ticker));

        // SaveChanges outside a transaction.
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            (await db.QuarterlyFigures.SingleAsync(q => q.PeriodEnd == Q1)).BillableMw = 244m;
            await db.SaveChangesAsync();
        }
        Assert.Equal(244m, await BillableMwAsync(store));

        // ExecuteUpdate, one statement without a transaction.
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.QuarterlyFigures.Where(q => q.PeriodEnd == Q1).ExecuteUpdateAsync(s => s.SetProperty(q => q.BillableMw, 245m));
        }
        Assert.Equal(245m, await BillableMwAsync(store));

        // A command EF never sees (as COPY in an import) inside an EF transaction: the commit tells.
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using (var update = new NpgsqlCommand("UPDATE quarterly_figures SET billable_mw = 246 WHERE period_end = '2026-03-31'",
                             (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction()))
            {
                Assert.Equal(1, await update.ExecuteNonQueryAsync());
            }
            Assert.Equal(245m, await BillableMwAsync(store)); // not committed yet
            await transaction.CommitAsync();
        }
        Assert.Equal(246m, await BillableMwAsync(store));
    }

    [Fact]
    public async Task A_rolled_back_write_or_a_write_to_other_tables_keeps_the_cache()
    {
        var (store, dbFactory) = Create();
        var cached = await store.GetCompanyAsync(SampleData.Ticker);
        var market = await store.GetMarketAsync();

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.QuarterlyFigures.Where(q => q.PeriodEnd == Q1).ExecuteUpdateAsync(s => s.SetProperty(q => q.BillableMw, 300m));
            await transaction.RollbackAsync();
        }
        Assert.Same(cached, await store.GetCompanyAsync(SampleData.Ticker));

        // A price is market data: the companies' facts stay, the market series go.
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.BtcPrices.Add(new BtcPrice { Date = new(2026, 1, 11), CloseUsd = 90_000m, Source = "test close" });
            await db.SaveChangesAsync();
        }
        Assert.Same(cached, await store.GetCompanyAsync(SampleData.Ticker));
        Assert.NotSame(market, await store.GetMarketAsync());
    }

    [Fact]
    public async Task A_write_from_outside_the_app_is_seen_when_it_is_heard_and_nothing_is_cached_while_nobody_listens()
    {
        var (store, _, changes) = CreateWithChanges();
        var cached = await store.GetCompanyAsync(SampleData.Ticker);
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE targets SET target_value = target_value WHERE true", connection);
            await update.ExecuteNonQueryAsync();
        }
        // This store's signal has no listener: only the notification would tell it.
        Assert.Same(cached, await store.GetCompanyAsync(SampleData.Ticker));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync())
        {
            changes.Notified("targets", FactModel.Of(db.Model));
        }
        var reloaded = await store.GetCompanyAsync(SampleData.Ticker);
        Assert.NotSame(cached, reloaded);

        changes.Disconnected();
        Assert.NotSame(reloaded, await store.GetCompanyAsync(SampleData.Ticker));
        Assert.NotSame(await store.GetCompanyAsync(SampleData.Ticker), await store.GetCompanyAsync(SampleData.Ticker));
    }

    private static async Task<decimal?> BillableMwAsync(FactStore store) =>
        (await store.GetCompanyAsync(SampleData.Ticker))!.Quarters.Single(q => q.PeriodEnd == Q1).BillableMw;

    private (FactStore Store, IDbContextFactory<MinerPivotDbContext> DbFactory) Create()
    {
        var (store, dbFactory, _) = CreateWithChanges();
        return (store, dbFactory);
    }

    private (FactStore Store, IDbContextFactory<MinerPivotDbContext> DbFactory, FactChanges Changes) CreateWithChanges()
    {
        var changes = new FactChanges();
        changes.Connected();
        var dbFactory = new Factory(app.ConnectionString, new FactWriteInterceptor(changes));
        return (new FactStore(dbFactory, changes, Options.Create(new FactStoreOptions())), dbFactory, changes);
    }

    private sealed class Factory(string connectionString, FactWriteInterceptor interceptor) : IDbContextFactory<MinerPivotDbContext>
    {
        public MinerPivotDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<MinerPivotDbContext>();
            options.UseMinerPivotPostgres(connectionString).AddInterceptors(interceptor);
            return new MinerPivotDbContext(options.Options);
        }
    }
}

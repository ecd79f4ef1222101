using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MinerPivot.Core.Signposts;
using MinerPivot.Data;
using MinerPivot.Data.Facts;
using MinerPivot.TestSupport;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Tests.Api;

/// <summary>How many queries <see cref="SignpostService"/> sends, on the sample data.</summary>
public class SignpostServiceQueryTests(SampleDataApp app) : IClassFixture<SampleDataApp>
{
    [Fact]
    public async Task Loading_every_company_takes_as_many_queries_as_loading_one()
    {
        var (service, counter) = await CreateAsync();

        await service.LoadFactsAsync(SampleData.Ticker);
        var forOne = counter.Take();
        var all = await service.LoadAllFactsAsync();
        var forAll = counter.Take();

        Assert.Equal(2, all.Count);
        Assert.Equal(forOne, forAll);
        Assert.InRange(forAll, 1, 8); // the companies and one query per collection
    }

    [Fact]
    public async Task Market_facts_are_loaded_once_while_prices_and_indicators_are_unchanged()
    {
        var (service, counter) = await CreateAsync();

        var first = await service.GetMarketFactsAsync();
        Assert.Equal(2, counter.Take()); // prices and indicators
        var second = await service.GetMarketFactsAsync();

        Assert.Same(first, second);
        Assert.Equal(0, counter.Take());
        Assert.Equal(81_000m, second.LatestBtcClose(new DateOnly(2026, 5, 31))!.Value.Value);
    }

    [Fact]
    public async Task Evaluating_a_company_again_with_nothing_changed_loads_nothing_through_EF()
    {
        var (service, counter) = await CreateAsync();

        var first = await service.EvaluateAsync(SampleData.Ticker);
        Assert.InRange(counter.Take(), 2, 10); // the company's facts, then prices and indicators
        var second = await service.EvaluateAsync(SampleData.Ticker);

        Assert.Equal(0, counter.Take()); // nothing changed, so nothing is read
        Assert.Equal(first!.Evaluation.Verdict, second!.Evaluation.Verdict);
        Assert.Equal(first.Evaluation.Signposts.Count, second.Evaluation.Signposts.Count);
        Assert.Null(await service.EvaluateAsync("NOPE"));
    }

    private async Task<(SignpostService Service, QueryCounter Counter)> CreateAsync()
    {
        // The app's change signal: the store caches only while its listener is connected.
        var changes = app.Services.GetRequiredService<FactChanges>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!changes.IsListening && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(changes.IsListening, "The fact change listener did not connect.");
        var counter = new QueryCounter();
        var store = new FactStore(new CountingFactory(app.ConnectionString, counter), changes, Options.Create(new FactStoreOptions()));
        var service = new SignpostService(
            store,
            new FakeTimeProvider(new DateTimeOffset(2026, 5, 31, 12, 0, 0, TimeSpan.Zero)),
            new SignpostEngine(),
            new EvaluationFailures(Microsoft.Extensions.Logging.Abstractions.NullLogger<EvaluationFailures>.Instance));
        return (service, counter);
    }

    private sealed class CountingFactory(string connectionString, QueryCounter counter) : IDbContextFactory<MinerPivotDbContext>
    {
        public MinerPivotDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<MinerPivotDbContext>();
            options.UseMinerPivotPostgres(connectionString).AddInterceptors(counter);
            return new MinerPivotDbContext(options.Options);
        }
    }

    /// <summary>Counts the queries EF Core sends.</summary>
    private sealed class QueryCounter : DbCommandInterceptor
    {
        private int _count;

        public int Take() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

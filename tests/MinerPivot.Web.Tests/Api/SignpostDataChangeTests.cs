using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Core.Domain;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests.Api;

/// <summary>Changes written to the database while the app runs (on a database of their own, as they alter the sample data).</summary>
public class SignpostDataChangeTests(SampleDataApp app) : IClassFixture<SampleDataApp>
{
    private const string Signposts = "/api/v1/companies/CORZ/signposts";

    [Fact]
    public async Task A_change_to_BTC_prices_or_indicators_is_seen_by_the_next_request()
    {
        var client = await app.AnalystAsync();
        // On 2026-01-15 the latest close is $81,000 (2025-11-28) and the cost the industry average of $80,000.
        Assert.Equal(1.23m, (await MarginAsync(client)).Dec("value"));

        await using (var db = await CreateDbAsync())
        {
            db.BtcPrices.Add(new BtcPrice { Date = new(2026, 1, 10), CloseUsd = 100_000m, Source = "test close" });
            await db.SaveChangesAsync();
        }
        var inserted = await MarginAsync(client);
        Assert.Equal(20m, inserted.Dec("value"));
        Assert.Equal("2026-01-10", inserted.GetProperty("details").Str("btcPriceDate"));

        await using (var db = await CreateDbAsync())
        {
            var industry = await db.IndicatorValues.SingleAsync(i => i.Series == SampleData.IndustryCashCostSeries);
            industry.Value = 90_000m;
            await db.SaveChangesAsync();
        }
        Assert.Equal(10m, (await MarginAsync(client)).Dec("value"));

        await using (var db = await CreateDbAsync())
        {
            await db.BtcPrices.Where(p => p.Date == new DateOnly(2026, 1, 10)).ExecuteDeleteAsync();
        }
        Assert.Equal(-11.11m, (await MarginAsync(client)).Dec("value")); // (81,000 − 90,000) / 81,000
    }

    [Fact]
    public async Task Facts_dated_after_the_asOf_date_change_nothing_at_that_date()
    {
        var client = await app.AnalystAsync();
        const string atD = Signposts + "?asOf=2026-04-30";
        var before = await (await client.GetAsync(atD)).Content.ReadAsStringAsync();

        await using (var db = await CreateDbAsync())
        {
            var company = await db.Companies.SingleAsync(c => c.Ticker == SampleData.Ticker);
            var tranche = await db.Tranches.SingleAsync(t => t.Code == "DEN-B");
            var contract = await db.Contracts.SingleAsync(c => c.Code == "CW1");
            db.RfsRevisions.Add(new RfsRevision { TrancheId = tranche.Id, AnnouncedOn = new(2026, 5, 20), RfsDate = new(2027, 2, 1), Source = "test revision" });
            db.ContractEvents.Add(new ContractEvent { ContractId = contract.Id, Kind = ContractEventKind.Downsized, EventOn = new(2026, 5, 15), MwChange = 90m, Source = "test downsizing" });
            db.QuarterlyFigures.Add(new QuarterlyFigure
            {
                CompanyId = company.Id, PeriodEnd = new(2026, 6, 30), FiscalLabel = "Q2 2026", ReportedOn = new(2026, 8, 5),
                ColocationRevenueUsd = 1_000_000m, BillableMw = 250m, Source = "test quarter",
            });
            await db.SaveChangesAsync();
        }

        var after = await (await client.GetAsync(atD)).Content.ReadAsStringAsync();
        Assert.Equal(before, after);

        // The same facts do count once their dates are reached (the quarter is reported after today).
        var today = await client.OkJsonAsync(Signposts);
        Assert.Equal("2027-02-01", today.Tranche("DEN-B").Str("currentRfs"));
        Assert.Equal("breached", today.Signpost("demand_integrity").Str("status"));
        Assert.Equal("2026-03-31", today.Signpost("colocation_momentum").GetProperty("details").Str("latestPeriodEnd"));
    }

    private static async Task<System.Text.Json.JsonElement> MarginAsync(HttpClient client) =>
        (await client.OkJsonAsync(Signposts + "?asOf=2026-01-15")).Signpost("mining_margin");

    private Task<MinerPivotDbContext> CreateDbAsync() =>
        app.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync();
}

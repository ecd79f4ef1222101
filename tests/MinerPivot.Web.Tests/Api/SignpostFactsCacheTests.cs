using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Data;
using MinerPivot.TestSupport;

namespace MinerPivot.Web.Tests.Api;

/// <summary>
/// A company's facts are kept in memory between requests; updates and deletes written straight to the database must
/// still show on the next request (on a database of its own, as it alters the sample data).
/// </summary>
public class SignpostFactsCacheTests(SampleDataApp app) : IClassFixture<SampleDataApp>
{
    private const string Signposts = "/api/v1/companies/CORZ/signposts";

    [Fact]
    public async Task An_updated_or_deleted_fact_of_the_company_is_seen_by_the_next_request()
    {
        var client = await app.AnalystAsync();
        var first = await client.OkJsonAsync(Signposts);
        Assert.Equal(243m, first.Signpost("billable_mw_target").Dec("value"));
        Assert.Equal("2026-12-15", first.Tranche("DEN-B").Str("currentRfs"));
        Assert.Equal(first.ToString(), (await client.OkJsonAsync(Signposts)).ToString());

        await using (var db = await CreateDbAsync())
        {
            var quarter = await db.QuarterlyFigures.SingleAsync(q => q.PeriodEnd == new DateOnly(2026, 3, 31));
            quarter.BillableMw = 260m;
            await db.SaveChangesAsync();
        }
        Assert.Equal(260m, (await client.OkJsonAsync(Signposts)).Signpost("billable_mw_target").Dec("value"));

        await using (var db = await CreateDbAsync())
        {
            await db.RfsRevisions.Where(r => r.AnnouncedOn == new DateOnly(2026, 5, 1)).ExecuteDeleteAsync();
        }
        var afterDelete = await client.OkJsonAsync(Signposts);
        Assert.Equal("2026-09-30", afterDelete.Tranche("DEN-B").Str("currentRfs"));
        Assert.Equal("none", afterDelete.Tranche("DEN-B").Str("severity"));

        await using (var db = await CreateDbAsync())
        {
            await db.Tranches.Where(t => t.Code == "DEN-B").ExecuteUpdateAsync(s => s.SetProperty(t => t.CriticalItMw, 120m));
        }
        Assert.Equal(120m, (await client.OkJsonAsync(Signposts)).Tranche("DEN-B").Dec("mw"));
    }

    private Task<MinerPivotDbContext> CreateDbAsync() =>
        app.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Features.Board;
using MinerPivot.Web.Tests.Api;

namespace MinerPivot.Web.Tests.Board;

/// <summary>The board's data on the sample dataset (its own database: these tests change the data).</summary>
public class BoardServiceTests(SampleDataApp app) : IClassFixture<SampleDataApp>
{
    private static readonly DateOnly AsOf = new(2026, 5, 31);
    private static readonly DateOnly Since = new(2026, 3, 1);

    private async Task<BoardView> LoadAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BoardService>().LoadAsync(AsOf, Since);
    }

    [Fact]
    public async Task Rows_carry_each_signposts_headline_and_what_moved_since_the_earlier_date_and_see_data_changes_at_once()
    {
        var board = await LoadAsync();
        Assert.Equal(["CORZ", "HUT"], board.Rows.Select(r => r.Ticker));
        var corz = board.Rows[0];
        Assert.Equal(SignpostKeys.All, corz.Cells.Select(c => c.Key));
        var momentum = corz.Cells.Single(c => c.Key == SignpostKeys.ColocationMomentum);
        Assert.Equal((SignpostStatus.Met, 801.16m), (momentum.Status, momentum.Value));
        // On 2026-03-01 Q1 2026 (reported 2026-05-07) was unknown: Q4 2025 had no year-ago quarter, so on track.
        Assert.Contains(new BoardChange(SignpostKeys.ColocationMomentum, "on_track", "met"), corz.Changes);
        // DEN-B's revision of 2026-05-01 (76 days, major) breached rfs_slippage since then.
        Assert.Contains(new BoardChange(SignpostKeys.RfsSlippage, "ok", "breached"), corz.Changes);
        var hut = board.Rows[1];
        Assert.All(hut.Cells.Where(c => c.Key != SignpostKeys.MiningMargin && c.Key != SignpostKeys.DemandIntegrity),
            c => Assert.Equal(SignpostStatus.NoData, c.Status));
        // Only the market moved for HUT: BTC $65,000 (2026-02-05) vs $80,000 cost, then $81,000 (2026-05-29).
        Assert.Equal([new BoardChange(SignpostKeys.MiningMargin, "breached", "at_risk")], hut.Changes);

        // The facts are cached between loads, but an update, an insert and a delete are all seen by the next load.
        await using (var db = await CreateDbAsync())
        {
            var q1 = await db.QuarterlyFigures.SingleAsync(q => q.PeriodEnd == new DateOnly(2026, 3, 31));
            q1.ColocationRevenueUsd = 10_000_000m;
            await db.SaveChangesAsync();
        }
        var updated = (await LoadAsync()).Rows[0].Cells.Single(c => c.Key == SignpostKeys.ColocationMomentum);
        // $10M after $65M: QoQ negative, so at risk; YoY +16.28% over $8.6M.
        Assert.Equal((SignpostStatus.AtRisk, 16.28m), (updated.Status, updated.Value));

        await using (var db = await CreateDbAsync())
        {
            db.Companies.Add(new Company { Ticker = "ZZZ", Name = "Added Later" });
            await db.SaveChangesAsync();
        }
        Assert.Equal(["CORZ", "HUT", "ZZZ"], (await LoadAsync()).Rows.Select(r => r.Ticker));

        await using (var db = await CreateDbAsync())
        {
            await db.RfsRevisions.Where(r => r.AnnouncedOn == new DateOnly(2026, 5, 1)).ExecuteDeleteAsync();
        }
        var slip = (await LoadAsync()).Rows[0].Cells.Single(c => c.Key == SignpostKeys.RfsSlippage);
        Assert.Equal(SignpostStatus.Ok, slip.Status);
    }

    private Task<MinerPivotDbContext> CreateDbAsync() =>
        app.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync();
}

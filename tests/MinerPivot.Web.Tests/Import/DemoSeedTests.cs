using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Hosting;

namespace MinerPivot.Web.Tests.Import;

public class DemoSeedTests(MinerPivotDemoApp app) : IClassFixture<MinerPivotDemoApp>
{
    [Fact]
    public async Task The_app_seeds_the_demo_dataset_through_the_importer_at_start_up()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync();

        Assert.Equal(12, await db.Companies.CountAsync());
        Assert.Equal(DemoFiles.RowCount("btc_prices.csv"), await db.BtcPrices.CountAsync());
        Assert.Equal(DemoFiles.RowCount("rfs_revisions.csv"), await db.RfsRevisions.CountAsync());
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "import");
        Assert.Equal((DemoDataSeeder.SeedUserName, app.Clock.GetUtcNow()), (audit.UserName, audit.At));
    }

    [Fact]
    public async Task Seeding_again_does_nothing_once_the_database_has_companies()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(CancellationToken.None);

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "import"));
    }
}

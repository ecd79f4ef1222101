using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.Data.Import;

namespace MinerPivot.Web.Tests.Admin;

public class CompanyExportTests
{
    [Fact]
    public async Task A_one_company_export_asks_the_database_for_that_company_s_rows_only()
    {
        var database = await AdminDatabase.WithDemoDataAsync();
        var commands = new List<string>();
        var options = new DbContextOptionsBuilder<MinerPivotDbContext>();
        options.UseMinerPivotPostgres(database.ConnectionString).LogTo(commands.Add, [RelationalEventId.CommandExecuted]);
        await using var db = new MinerPivotDbContext(options.Options);

        var batch = await new CsvExporter(db).LoadAsync("CORZ");

        // What the file holds: CORZ's rows, and the global files whole.
        foreach (var kind in FactKinds.All.Where(k => k.Has("ticker")))
        {
            Assert.All(kind.RowsIn(batch), row => Assert.Equal("CORZ", kind.Column("ticker").Format(row)));
        }
        Assert.NotEmpty(batch.Tranches);
        Assert.Equal(AdminDatabase.DemoUploads().Count, batch.Files.Count);
        // How it was read: each kind with a ticker is filtered by it in SQL (the names of parent rows are read whole).
        var filtered = commands.Where(c => c.Contains("WHERE", StringComparison.Ordinal) && c.Contains(".ticker = @", StringComparison.Ordinal)).ToList();
        Assert.Equal(FactKinds.All.Count(k => k.Has("ticker")), filtered.Count);
    }
}

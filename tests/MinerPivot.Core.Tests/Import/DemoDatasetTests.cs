using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

public class DemoDatasetTests
{
    [Fact]
    public async Task The_demo_dataset_reads_and_validates_without_errors()
    {
        var batch = await ImportValidator.ValidateAsync(ImportTestFiles.Demo(), KnownKeys.Empty);

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal(ImportFormat.FileNames, batch.Files);
        foreach (var file in ImportFormat.FileNames)
        {
            Assert.Equal(ImportTestFiles.DemoRowCount(file), batch.RowCount(file));
        }
    }

    [Fact]
    public async Task The_demo_dataset_has_the_row_counts_its_notes_give()
    {
        var batch = await ImportReader.ReadAsync(ImportTestFiles.Demo());

        Assert.Equal(12, batch.Companies.Count);
        Assert.Equal(33, batch.Sites.Count);
        Assert.Equal(19, batch.Contracts.Count);
        Assert.Equal(22, batch.ContractEvents.Count);
        Assert.Equal(25, batch.Tranches.Count);
        Assert.Equal(31, batch.RfsRevisions.Count);
        Assert.Equal(21, batch.Quarterly.Count);
        Assert.Equal(964, batch.BtcPrices.Count);
        Assert.Equal(2, batch.Targets.Count);
        Assert.Equal(17, batch.Indicators.Count);
    }

    [Fact]
    public async Task Demo_values_are_typed_and_empty_cells_are_null()
    {
        var batch = await ImportReader.ReadAsync(ImportTestFiles.Demo());

        var corz = batch.Companies.Single(c => c.Ticker == "CORZ");
        Assert.Equal(new CompanyRow("CORZ", "Core Scientific", 12) { Line = 2 }, corz);

        var denton = batch.Sites.Single(s => s is { Ticker: "CORZ", Site: "Denton" });
        Assert.Equal("Denton, TX", denton.Location);
        Assert.Equal(new DateOnly(2021, 10, 7), denton.AcquiredOn);
        Assert.Equal(394m, denton.GrossMw);
        Assert.Null(denton.CriticalItMw);

        var q = batch.Quarterly.Single(r => r.Ticker == "CORZ" && r.PeriodEnd == new DateOnly(2024, 6, 30));
        Assert.Equal(5_500_000m, q.ColocationRevenueUsd);
        Assert.Equal(110_700_000m, q.MiningRevenueUsd);
        Assert.Null(q.BtcProduced);
        Assert.Equal(new DateOnly(2025, 8, 8), q.ReportedOn);

        Assert.Equal(42830.90m, batch.BtcPrices.Single(p => p.Date == new DateOnly(2024, 1, 3)).CloseUsd);
        Assert.Equal(-43m, batch.Indicators.Single(i => i.Series == "wgmi_ytd_price_return_pct" && i.Date == new DateOnly(2025, 3, 31)).Value);
        Assert.Contains(batch.Tranches, t => t.Status == TrancheStatus.Billable && t.ActualRfs is not null);
        Assert.Equal(2, batch.Targets.Count(t => t is { Ticker: "CORZ", Kind: TargetKind.BillableMw }));
    }

    [Fact]
    public async Task A_quoted_field_spanning_lines_is_reported_at_the_line_its_record_starts()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.RfsRevisions,
            "ticker,tranche,announced_on,rfs_date,source,note\n" +
            "CORZ,DENTON,2025-05-07,2025-12-31,src,\"first line\nsecond line\"\n" +
            "CORZ,DENTON,2025-12-16,not-a-date,src,\n"));

        var error = Assert.Single(batch.Errors.ToList());
        Assert.Equal(4, error.Line);
        Assert.Equal("first line\nsecond line", batch.RfsRevisions.Single().Note);
        Assert.Equal(2, batch.RfsRevisions.Single().Line);
    }
}

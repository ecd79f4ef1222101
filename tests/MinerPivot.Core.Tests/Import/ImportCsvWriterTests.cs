using System.Text;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

public class ImportCsvWriterTests
{
    private static async Task<string> Write(ImportBatch batch, string file)
    {
        using var stream = new MemoryStream();
        await ImportCsvWriter.WriteAsync(batch, file, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [InlineData(590.000, "590")]
    [InlineData(12.500, "12.5")]
    [InlineData(0.000, "0")]
    [InlineData(-43, "-43")]
    [InlineData(0.000001, "0.000001")]
    public void Numbers_are_written_exactly_without_trailing_zeros(decimal value, string expected) =>
        Assert.Equal(expected, ImportValueFormat.Number(value));

    [Theory]
    [InlineData(77500000.00, "77500000")]
    [InlineData(42830.9, "42830.90")]
    [InlineData(44152.23, "44152.23")]
    public void Money_is_whole_dollars_or_with_cents(decimal value, string expected) =>
        Assert.Equal(expected, ImportValueFormat.Money(value));

    [Fact]
    public async Task Nulls_are_empty_cells_and_text_is_quoted_when_needed()
    {
        var batch = new ImportBatch();
        batch.Sites.Add(new SiteRow("CORZ", " Denton", "Denton, TX", null, 394.000m, null, "say \"hi\"\nbye"));

        var csv = await Write(batch, ImportFormat.Sites);

        Assert.Equal("ticker,site,location,acquired_on,gross_mw,critical_it_mw,source\nCORZ,\" Denton\",\"Denton, TX\",,394,,\"say \"\"hi\"\"\nbye\"\n", csv);
    }

    [Fact]
    public async Task Words_are_written_in_snake_case()
    {
        var batch = new ImportBatch();
        batch.Tranches.Add(new TrancheRow("APLD", "Polaris Forge 1", "PF1-B1-P2", "CW-PF1-A", "CoreWeave", 50, TrancheStatus.ReadyForService,
            new DateOnly(2025, 12, 1), "src"));

        var csv = await Write(batch, ImportFormat.Tranches);

        Assert.EndsWith("APLD,Polaris Forge 1,PF1-B1-P2,CW-PF1-A,CoreWeave,50,ready_for_service,2025-12-01,src\n", csv);
    }

    [Fact]
    public async Task Writing_the_demo_dataset_and_reading_it_back_gives_the_same_rows()
    {
        var original = await ImportReader.ReadAsync(ImportTestFiles.Demo());
        var files = new List<ImportFile>();
        foreach (var file in ImportFormat.FileNames)
        {
            files.Add(ImportTestFiles.File(file, await Write(original, file)));
        }

        var reread = await ImportValidator.ValidateAsync(files, KnownKeys.Empty);

        Assert.Empty(reread.Errors.ToList());
        AssertSameRows(original.Companies, reread.Companies);
        AssertSameRows(original.Sites, reread.Sites);
        AssertSameRows(original.Contracts, reread.Contracts);
        AssertSameRows(original.ContractEvents, reread.ContractEvents);
        AssertSameRows(original.Tranches, reread.Tranches);
        AssertSameRows(original.RfsRevisions, reread.RfsRevisions);
        AssertSameRows(original.Quarterly, reread.Quarterly);
        AssertSameRows(original.BtcPrices, reread.BtcPrices);
        AssertSameRows(original.Targets, reread.Targets);
        AssertSameRows(original.Indicators, reread.Indicators);
    }

    private static void AssertSameRows<T>(List<T> expected, List<T> actual) where T : ImportRow =>
        Assert.Equal(expected.Select(r => r with { Line = 0 }), actual.Select(r => r with { Line = 0 }));
}

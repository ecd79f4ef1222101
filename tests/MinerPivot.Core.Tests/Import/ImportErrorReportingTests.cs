using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

public class ImportErrorReportingTests
{
    [Fact]
    public async Task Every_error_of_every_file_is_reported_not_only_the_first()
    {
        var batch = await ImportTestFiles.Validate(KnownKeys.Empty,
            (ImportFormat.Companies, ValidRows.Csv(ImportFormat.Companies, [[("name", "")], [("ticker", "HUT"), ("fiscal_year_end_month", "0")]])),
            (ImportFormat.Sites, ValidRows.Csv(ImportFormat.Sites, ("gross_mw", "-1"), ("acquired_on", "2024-13-01"))),
            (ImportFormat.BtcPrices, ValidRows.Csv(ImportFormat.BtcPrices, ("close_usd", "n/a"))),
            ("readme.txt", "hello"));

        var errors = batch.Errors.ToList();
        Assert.Equal(
        [
            ("readme.txt", 0, null),
            (ImportFormat.Companies, 2, "name"),
            (ImportFormat.Companies, 3, "fiscal_year_end_month"),
            (ImportFormat.Sites, 2, "acquired_on"),
            (ImportFormat.Sites, 2, "gross_mw"),
            (ImportFormat.BtcPrices, 2, "close_usd"),
        ], errors.Select(e => (e.File, e.Line, e.Column)));
        Assert.Equal(6, batch.Errors.Count);
    }

    [Fact]
    public async Task Errors_are_capped_at_500_and_the_list_says_so()
    {
        var rows = Enumerable.Range(0, 600).Select(i => new[] { ("date", new DateOnly(2024, 1, 1).AddDays(i).ToString("yyyy-MM-dd")), ("close_usd", "-1") });

        var batch = await ImportTestFiles.Read((ImportFormat.BtcPrices, ValidRows.Csv(ImportFormat.BtcPrices, rows)));

        var errors = batch.Errors.ToList();
        Assert.Equal(600, batch.Errors.Count);
        Assert.True(batch.Errors.Truncated);
        Assert.Equal(ImportErrors.Limit + 1, errors.Count);
        Assert.Equal(501, errors[^2].Line);
        Assert.Equal("600 errors were found; only the first 500 are listed. Fix these and import again to see the rest.", errors[^1].Message);
    }

    [Fact]
    public void An_error_reads_as_one_line()
    {
        Assert.Equal("sites.csv line 3, gross_mw '-5': gross_mw is negative; MW cannot be negative.",
            new ImportError("sites.csv", 3, "gross_mw", "-5", "gross_mw is negative; MW cannot be negative.").ToString());
        Assert.Equal("notes.csv: Unknown file.", new ImportError("notes.csv", 0, null, null, "Unknown file.").ToString());
    }

    [Fact]
    public async Task Long_values_are_shortened_in_errors()
    {
        var longSource = new string('s', 1500);

        var batch = await ImportTestFiles.Read((ImportFormat.BtcPrices, ValidRows.Csv(ImportFormat.BtcPrices, ("source", longSource))));

        var error = Assert.Single(batch.Errors.ToList());
        Assert.Equal(201, error.Value!.Length);
        Assert.EndsWith("…", error.Value);
    }
}

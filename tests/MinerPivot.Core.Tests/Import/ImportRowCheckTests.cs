using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

/// <summary>A form's row goes through the importer's reader: the same values are accepted and refused with the same messages.</summary>
public class ImportRowCheckTests
{
    [Theory]
    [MemberData(nameof(ValidRows.AllFiles), MemberType = typeof(ValidRows))]
    public async Task The_valid_row_of_each_file_reads_back_to_the_cells_it_came_from(string file)
    {
        var cells = ValidRows.Cells(file);

        var result = await ImportRowCheck.CheckAsync(file, cells, ValidRows.CorzKeys);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var written = ImportCsvWriter.CellsOf(result.Row!);
        Assert.Equal(cells.Where(kv => !string.IsNullOrEmpty(kv.Value)).OrderBy(kv => kv.Key),
            written.Where(kv => kv.Value is not null).OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task Each_bad_cell_is_reported_with_its_column_and_the_importers_message()
    {
        var cells = ValidRows.Cells(ImportFormat.Quarterly,
            ("colocation_revenue_usd", "-5"), ("billable_mw", "1.2345"), ("reported_on", "2025-03-01"), ("source", "  "));

        var result = await ImportRowCheck.CheckAsync(ImportFormat.Quarterly, cells, ValidRows.CorzKeys);

        Assert.False(result.IsValid);
        Assert.Null(result.Row);
        Assert.Equal(["billable_mw", "colocation_revenue_usd", "reported_on", "source"], result.Errors.Select(e => e.Column).Order(StringComparer.Ordinal));
        Assert.Contains("money cannot be negative", Assert.Single(result.MessagesFor("colocation_revenue_usd")));
        Assert.Contains("more than 3 decimal places", Assert.Single(result.MessagesFor("billable_mw")));
        Assert.Contains("reported_on is before period_end (2025-03-31)", Assert.Single(result.MessagesFor("reported_on")));
        Assert.Equal("source is required but empty.", Assert.Single(result.MessagesFor("source")));
    }

    [Fact]
    public async Task References_are_checked_only_when_known_keys_are_given()
    {
        var cells = ValidRows.Cells(ImportFormat.Tranches, ("site", "Muskogee"));

        Assert.True((await ImportRowCheck.CheckAsync(ImportFormat.Tranches, cells, known: null)).IsValid);
        var checkedAgainstKeys = await ImportRowCheck.CheckAsync(ImportFormat.Tranches, cells, ValidRows.CorzKeys);
        Assert.Contains("Unknown site 'Muskogee' of CORZ", Assert.Single(checkedAgainstKeys.MessagesFor("site")));
    }

    [Fact]
    public async Task Text_with_commas_quotes_and_line_breaks_survives_and_is_trimmed()
    {
        var cells = ValidRows.Cells(ImportFormat.RfsRevisions, ("note", "  Withdraws \"the\" revision,\nentered in error  "));

        var result = await ImportRowCheck.CheckAsync(ImportFormat.RfsRevisions, cells, ValidRows.CorzKeys);

        Assert.Equal("Withdraws \"the\" revision,\nentered in error", Assert.IsType<RfsRevisionRow>(result.Row).Note);
    }

    [Fact]
    public async Task A_status_that_contradicts_actual_rfs_is_refused_as_in_an_import()
    {
        var cells = ValidRows.Cells(ImportFormat.Tranches, ("status", "billable"), ("actual_rfs", null));

        var result = await ImportRowCheck.CheckAsync(ImportFormat.Tranches, cells, ValidRows.CorzKeys);

        Assert.Contains("status billable needs actual_rfs", Assert.Single(result.MessagesFor("actual_rfs")));
    }

    [Fact]
    public void Cells_of_a_row_are_what_an_export_writes()
    {
        var row = new QuarterlyRow("CORZ", new(2026, 3, 31), "Q1 2026", new(2026, 5, 6), 77_500_000.00m, null, 1.5m, 42830.9m,
            590.000m, null, 243m, null, null, "src");

        var cells = ImportCsvWriter.CellsOf(row);

        Assert.Equal(ImportFormat.ColumnsOf(ImportFormat.Quarterly), cells.Keys);
        Assert.Equal("77500000", cells["colocation_revenue_usd"]);
        Assert.Equal("42830.90", cells["cash_cost_per_btc_usd"]);
        Assert.Equal("590", cells["contracted_mw"]);
        Assert.Null(cells["mining_revenue_usd"]);
    }
}

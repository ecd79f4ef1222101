using System.Text;
using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

public class ImportRejectionTests
{
    private static async Task<ImportError> SingleError(string file, string csv, KnownKeys? known = null)
    {
        var batch = await ImportTestFiles.Validate(known ?? ValidRows.CorzKeys, (file, csv));
        return Assert.Single(batch.Errors.ToList());
    }

    private static void AssertError(ImportError error, string file, int line, string? column, string? value, string messagePart)
    {
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(value, error.Value);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidRows.AllFiles), MemberType = typeof(ValidRows))]
    public async Task The_valid_row_of_each_file_is_accepted(string file)
    {
        var batch = await ImportTestFiles.Validate(ValidRows.CorzKeys, (file, ValidRows.Csv(file)));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal(1, batch.RowCount(file));
    }

    [Fact]
    public async Task Unknown_file_name()
    {
        var batch = await ImportTestFiles.Read(("uploads/notes.csv", "a,b\n1,2\n"));

        AssertError(Assert.Single(batch.Errors.ToList()), "notes.csv", 0, null, null, "Unknown file 'notes.csv'");
    }

    [Fact]
    public async Task File_names_are_matched_without_case_and_folder()
    {
        var batch = await ImportTestFiles.Validate(ValidRows.CorzKeys, ("export/Companies.CSV", ValidRows.Csv(ImportFormat.Companies)));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal([ImportFormat.Companies], batch.Files);
    }

    [Fact]
    public async Task The_same_file_twice()
    {
        var csv = ValidRows.Csv(ImportFormat.Companies);
        var batch = await ImportTestFiles.Read((ImportFormat.Companies, csv), ("COMPANIES.csv", csv));

        AssertError(Assert.Single(batch.Errors.ToList()), ImportFormat.Companies, 0, null, null, "more than once");
    }

    [Fact]
    public async Task Unknown_column()
    {
        var error = await SingleError(ImportFormat.Companies, "ticker,name,fiscal_year_end_month,Colour\nCORZ,Core Scientific,12,blue\n");

        AssertError(error, ImportFormat.Companies, 1, "Colour", null, "Unknown column 'Colour'");
    }

    [Fact]
    public async Task Headers_are_matched_without_case()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Companies, "Ticker, NAME ,Fiscal_Year_End_Month\nCORZ,Core Scientific,12\n"));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal("Core Scientific", Assert.Single(batch.Companies).Name);
    }

    [Fact]
    public async Task A_column_twice_in_the_header()
    {
        var error = await SingleError(ImportFormat.Companies, "ticker,name,name,fiscal_year_end_month\nCORZ,A,B,12\n");

        AssertError(error, ImportFormat.Companies, 1, "name", null, "more than once");
    }

    [Fact]
    public async Task Missing_required_column()
    {
        var error = await SingleError(ImportFormat.Companies, "ticker,fiscal_year_end_month\nCORZ,12\n");

        AssertError(error, ImportFormat.Companies, 1, "name", null, "Missing required column 'name'");
    }

    [Fact]
    public async Task An_optional_column_may_be_left_out_and_reads_as_not_reported()
    {
        var batch = await ImportTestFiles.Validate(ValidRows.CorzKeys,
            (ImportFormat.RfsRevisions, "ticker,tranche,announced_on,rfs_date,source\nCORZ,DENTON,2025-05-07,2025-12-31,src\n"));

        Assert.Empty(batch.Errors.ToList());
        Assert.Null(Assert.Single(batch.RfsRevisions).Note);
    }

    [Theory]
    [MemberData(nameof(ValidRows.RequiredCells), MemberType = typeof(ValidRows))]
    public async Task Missing_required_value(string file, string column)
    {
        var batch = await ImportTestFiles.Validate(ValidRows.CorzKeys, (file, ValidRows.Csv(file, (column, ""))));

        var errors = batch.Errors.ToList();
        Assert.Contains(errors, e => e.File == file && e.Line == 2 && e.Column == column && e.Value == "" && e.Message == $"{column} is required but empty.");
        Assert.Equal(0, batch.RowCount(file));
    }

    [Fact]
    public async Task An_empty_optional_cell_is_null_not_zero()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Sites, ValidRows.Csv(ImportFormat.Sites, ("critical_it_mw", ""), ("acquired_on", "  "))));

        var site = Assert.Single(batch.Sites);
        Assert.Null(site.CriticalItMw);
        Assert.Null(site.AcquiredOn);
    }

    [Theory]
    [InlineData("1,000")]
    [InlineData("590 MW")]
    [InlineData("$590")]
    [InlineData("5.9e2")]
    [InlineData("abc")]
    public async Task Unparsable_number(string value)
    {
        var error = await SingleError(ImportFormat.Contracts, ValidRows.Csv(ImportFormat.Contracts, ("contracted_mw", value)));

        AssertError(error, ImportFormat.Contracts, 2, "contracted_mw", value, "contracted_mw is not a number");
    }

    [Theory]
    [InlineData("2025/05/07")]
    [InlineData("2025-5-7")]
    [InlineData("07.05.2025")]
    [InlineData("2025-02-30")]
    [InlineData("2025-05-07T00:00")]
    [InlineData("May 7, 2025")]
    public async Task Unparsable_date(string value)
    {
        var error = await SingleError(ImportFormat.Contracts, ValidRows.Csv(ImportFormat.Contracts, ("signed_on", value)));

        AssertError(error, ImportFormat.Contracts, 2, "signed_on", value, "signed_on is not a date in the form YYYY-MM-DD");
    }

    [Theory]
    [InlineData(ImportFormat.Sites, "gross_mw", "MW cannot be negative")]
    [InlineData(ImportFormat.Sites, "critical_it_mw", "MW cannot be negative")]
    [InlineData(ImportFormat.Contracts, "contracted_mw", "MW cannot be negative")]
    [InlineData(ImportFormat.Contracts, "total_value_usd", "money cannot be negative")]
    [InlineData(ImportFormat.Contracts, "annualized_revenue_usd", "money cannot be negative")]
    [InlineData(ImportFormat.Contracts, "term_years", "a term in years cannot be negative")]
    [InlineData(ImportFormat.ContractEvents, "mw_change", "MW cannot be negative")]
    [InlineData(ImportFormat.Tranches, "critical_it_mw", "MW cannot be negative")]
    [InlineData(ImportFormat.Quarterly, "colocation_revenue_usd", "money cannot be negative")]
    [InlineData(ImportFormat.Quarterly, "mining_revenue_usd", "money cannot be negative")]
    [InlineData(ImportFormat.Quarterly, "cash_cost_per_btc_usd", "a BTC price or cost cannot be negative")]
    [InlineData(ImportFormat.Quarterly, "billable_mw", "MW cannot be negative")]
    [InlineData(ImportFormat.Quarterly, "capex_usd", "money cannot be negative")]
    [InlineData(ImportFormat.Quarterly, "btc_produced", "a BTC amount cannot be negative")]
    [InlineData(ImportFormat.BtcPrices, "close_usd", "a BTC price or cost cannot be negative")]
    [InlineData(ImportFormat.Targets, "target_value", "a target cannot be negative")]
    public async Task Negative_mw_money_and_prices(string file, string column, string message)
    {
        var error = await SingleError(file, ValidRows.Csv(file, (column, "-5")));

        AssertError(error, file, 2, column, "-5", $"{column} is negative; {message}");
    }

    [Fact]
    public async Task Indicator_values_may_be_negative()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Indicators, ValidRows.Csv(ImportFormat.Indicators, ("value", "-43.25"))));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal(-43.25m, Assert.Single(batch.Indicators).Value);
    }

    [Theory]
    [InlineData("77500000", 77_500_000)]
    [InlineData("77500000.00", 77_500_000)]
    [InlineData("77500000.5", 77_500_000.5)]
    public async Task Money_in_whole_dollars_or_with_cents(string value, decimal expected)
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Contracts, ValidRows.Csv(ImportFormat.Contracts, ("total_value_usd", value))));

        Assert.Equal(expected, Assert.Single(batch.Contracts).TotalValueUsd);
    }

    [Theory]
    [InlineData(ImportFormat.Contracts, "total_value_usd", "1.005", "more than 2 decimal places")]
    [InlineData(ImportFormat.Sites, "gross_mw", "394.0001", "more than 3 decimal places")]
    [InlineData(ImportFormat.Sites, "gross_mw", "1000000000", "too large")]
    [InlineData(ImportFormat.Indicators, "value", "0.0000001", "more than 6 decimal places")]
    public async Task Numbers_the_database_cannot_store_exactly(string file, string column, string value, string message)
    {
        var error = await SingleError(file, ValidRows.Csv(file, (column, value)));

        AssertError(error, file, 2, column, value, message);
    }

    [Theory]
    [InlineData(ImportFormat.ContractEvents, "event", "renewed", "signed, expanded, downsized, cancelled")]
    [InlineData(ImportFormat.Tranches, "status", "done", "planned, under_construction, ready_for_service, billable, cancelled")]
    [InlineData(ImportFormat.Targets, "kind", "revenue", "billable_mw")]
    public async Task Unknown_words(string file, string column, string value, string words)
    {
        var error = await SingleError(file, ValidRows.Csv(file, (column, value)));

        AssertError(error, file, 2, column, value, $"{column} '{value}' is not one of: {words}.");
    }

    [Fact]
    public async Task Words_are_matched_without_case()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches, ("status", "Under_Construction"))));

        Assert.Equal(Domain.TrancheStatus.UnderConstruction, Assert.Single(batch.Tranches).Status);
    }

    [Theory]
    [InlineData("corz")]
    [InlineData("ABCDEFGHIJK")]
    [InlineData("CO RZ")]
    [InlineData("ÄBC")]
    public async Task Ticker_not_1_to_10_upper_case_characters(string ticker)
    {
        var error = await SingleError(ImportFormat.Companies, ValidRows.Csv(ImportFormat.Companies, ("ticker", ticker)));

        AssertError(error, ImportFormat.Companies, 2, "ticker", ticker, "ticker must be 1–10 upper-case characters");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("13")]
    [InlineData("June")]
    [InlineData("6.0")]
    public async Task Fiscal_year_end_month_not_1_to_12(string month)
    {
        var error = await SingleError(ImportFormat.Companies, ValidRows.Csv(ImportFormat.Companies, ("fiscal_year_end_month", month)));

        AssertError(error, ImportFormat.Companies, 2, "fiscal_year_end_month", month, "must be a month number from 1 to 12");
    }

    [Theory]
    [InlineData("ready_for_service")]
    [InlineData("billable")]
    public async Task A_delivered_status_without_actual_rfs(string status)
    {
        var error = await SingleError(ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches, ("status", status), ("actual_rfs", "")));

        AssertError(error, ImportFormat.Tranches, 2, "actual_rfs", "", $"status {status} needs actual_rfs");
    }

    [Theory]
    [InlineData("planned")]
    [InlineData("under_construction")]
    [InlineData("cancelled")]
    public async Task An_undelivered_status_with_actual_rfs(string status)
    {
        var error = await SingleError(ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches, ("status", status), ("actual_rfs", "2025-10-27")));

        AssertError(error, ImportFormat.Tranches, 2, "actual_rfs", "2025-10-27", $"status {status} contradicts actual_rfs");
    }

    [Fact]
    public async Task A_delivered_status_with_actual_rfs_is_accepted()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches, ("status", "billable"), ("actual_rfs", "2025-10-27"))));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal(new DateOnly(2025, 10, 27), Assert.Single(batch.Tranches).ActualRfs);
    }

    [Theory]
    [InlineData(ImportFormat.Companies, "ticker", "CORZ")]
    [InlineData(ImportFormat.Sites, "ticker, site", "CORZ, Denton")]
    [InlineData(ImportFormat.Contracts, "ticker, contract", "CORZ, CW")]
    [InlineData(ImportFormat.ContractEvents, "ticker, contract, event, event_on", "CORZ, CW, signed, 2024-10-22")]
    [InlineData(ImportFormat.Tranches, "ticker, tranche", "CORZ, DENTON")]
    [InlineData(ImportFormat.RfsRevisions, "ticker, tranche, announced_on", "CORZ, DENTON, 2025-05-07")]
    [InlineData(ImportFormat.Quarterly, "ticker, period_end", "CORZ, 2025-03-31")]
    [InlineData(ImportFormat.BtcPrices, "date", "2024-01-01")]
    [InlineData(ImportFormat.Targets, "ticker, kind, deadline", "CORZ, billable_mw, 2025-12-31")]
    [InlineData(ImportFormat.Indicators, "series, date", "wgmi_ytd_price_return_pct, 2025-03-31")]
    public async Task Duplicate_natural_key_in_one_file(string file, string keyColumns, string key)
    {
        var error = await SingleError(file, ValidRows.Csv(file, [[], [("source", "another source")]]));

        AssertError(error, file, 3, keyColumns, key, "Duplicate key: line 2 has the same");
    }

    [Fact]
    public async Task Tranche_codes_are_unique_per_company_even_at_different_sites()
    {
        var csv = ValidRows.Csv(ImportFormat.Tranches, [[], [("site", "Muskogee")]]);

        var error = await SingleError(ImportFormat.Tranches, csv, new KnownKeys(["CORZ"], [("CORZ", "Denton"), ("CORZ", "Muskogee")], [("CORZ", "CW")], []));

        AssertError(error, ImportFormat.Tranches, 3, "ticker, tranche", "CORZ, DENTON", "Duplicate key");
    }

    [Fact]
    public async Task Targets_of_one_kind_with_different_deadlines_are_not_duplicates()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Targets, ValidRows.Csv(ImportFormat.Targets, [[], [("deadline", "2026-09-22")]])));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal(2, batch.Targets.Count);
    }

    [Fact]
    public async Task Reported_on_before_period_end()
    {
        var error = await SingleError(ImportFormat.Quarterly, ValidRows.Csv(ImportFormat.Quarterly, ("reported_on", "2025-03-30")));

        AssertError(error, ImportFormat.Quarterly, 2, "reported_on", "2025-03-30", "reported_on is before period_end (2025-03-31)");
    }

    [Fact]
    public async Task Reported_on_the_day_the_period_ends_is_accepted()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Quarterly, ValidRows.Csv(ImportFormat.Quarterly, ("reported_on", "2025-03-31"))));

        Assert.Empty(batch.Errors.ToList());
    }

    [Theory]
    [InlineData(ImportFormat.Companies, "name", 200)]
    [InlineData(ImportFormat.Sites, "site", 100)]
    [InlineData(ImportFormat.Sites, "location", 200)]
    [InlineData(ImportFormat.Contracts, "contract", 20)]
    [InlineData(ImportFormat.Contracts, "customer", 200)]
    [InlineData(ImportFormat.Tranches, "tranche", 40)]
    [InlineData(ImportFormat.RfsRevisions, "note", 1000)]
    [InlineData(ImportFormat.RfsRevisions, "source", 1000)]
    [InlineData(ImportFormat.Quarterly, "fiscal_label", 20)]
    [InlineData(ImportFormat.Indicators, "series", 100)]
    [InlineData(ImportFormat.Indicators, "unit", 40)]
    public async Task Text_longer_than_the_column_allows(string file, string column, int limit)
    {
        var atLimit = new string('x', limit);
        var tooLong = atLimit + "y";
        var known = new KnownKeys(["CORZ"], [("CORZ", "Denton"), ("CORZ", atLimit)], [("CORZ", "CW"), ("CORZ", atLimit)], [("CORZ", "DENTON"), ("CORZ", atLimit)]);

        var fits = await ImportTestFiles.Validate(known, (file, ValidRows.Csv(file, (column, atLimit))));
        var error = await SingleError(file, ValidRows.Csv(file, (column, tooLong)), known);

        Assert.Empty(fits.Errors.ToList());
        Assert.Equal(file, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(column, error.Column);
        Assert.StartsWith("xxxx", error.Value);
        Assert.Equal($"{column} is {limit + 1} characters long; at most {limit} are allowed.", error.Message);
    }

    [Fact]
    public async Task Text_length_counts_characters_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F680", 200));

        var batch = await ImportTestFiles.Read((ImportFormat.Companies, ValidRows.Csv(ImportFormat.Companies, ("name", emoji))));

        Assert.Empty(batch.Errors.ToList());
    }

    [Fact]
    public async Task A_file_over_10_MB()
    {
        var header = "date,close_usd,source\n";
        var row = "2024-01-01,44152.23," + new string('s', 1000) + "\n";
        var rows = (int)(ImportFormat.MaxFileBytes / row.Length) + 1;
        var text = header + string.Concat(Enumerable.Range(0, rows).Select(_ => row));
        Assert.True(Encoding.UTF8.GetByteCount(text) > ImportFormat.MaxFileBytes);

        var seekable = await ImportReader.ReadAsync([ImportTestFiles.File(ImportFormat.BtcPrices, text)]);
        var streamed = await ImportReader.ReadAsync([new ImportFile(ImportFormat.BtcPrices, new NonSeekableStream(Encoding.UTF8.GetBytes(text)))]);

        AssertError(Assert.Single(seekable.Errors.ToList()), ImportFormat.BtcPrices, 0, null, null, "larger than 10 MB");
        AssertError(Assert.Single(streamed.Errors.ToList()), ImportFormat.BtcPrices, 0, null, null, "larger than 10 MB");
        Assert.Empty(seekable.BtcPrices);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("ticker,name,fiscal_year_end_month\nCORZ,Core Scientific,12\nHUT,Hut ").Concat(new byte[] { 0xFC, 0x38 })
            .Concat(Encoding.UTF8.GetBytes(",12\n")).ToArray();

        var batch = await ImportReader.ReadAsync([new ImportFile(ImportFormat.Companies, new MemoryStream(bytes))]);

        AssertError(Assert.Single(batch.Errors.ToList()), ImportFormat.Companies, 3, null, null, "not valid UTF-8");
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(ValidRows.Csv(ImportFormat.Companies))).ToArray();

        var batch = await ImportReader.ReadAsync([new ImportFile(ImportFormat.Companies, new MemoryStream(bytes))]);

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal("CORZ", Assert.Single(batch.Companies).Ticker);
    }

    [Fact]
    public async Task An_empty_file()
    {
        var error = await SingleError(ImportFormat.Companies, "");

        AssertError(error, ImportFormat.Companies, 1, null, null, "companies.csv is empty");
    }

    [Fact]
    public async Task A_header_only_file_has_no_rows_and_no_errors()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Companies, "ticker,name,fiscal_year_end_month\r\n"));

        Assert.Empty(batch.Errors.ToList());
        Assert.Empty(batch.Companies);
    }

    [Fact]
    public async Task A_row_with_too_few_or_too_many_fields()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Companies, "ticker,name,fiscal_year_end_month\nCORZ,Core Scientific\nIREN,IREN,6,extra\nHUT,Hut 8,12\n"));

        var errors = batch.Errors.ToList();
        Assert.Equal(2, errors.Count);
        AssertError(errors[0], ImportFormat.Companies, 2, null, null, "The row has 2 fields but the header has 3");
        AssertError(errors[1], ImportFormat.Companies, 3, null, null, "The row has 4 fields but the header has 3");
        Assert.Equal("HUT", Assert.Single(batch.Companies).Ticker);
    }

    [Theory]
    [InlineData("CORZ,Core \"Scientific\",12", "a quote inside an unquoted field")]
    [InlineData("CORZ,\"Core\" Scientific,12", "text after the closing quote")]
    [InlineData("CORZ,\"Core Scientific,12", "never closed")]
    public async Task Bad_quoting(string row, string message)
    {
        var error = await SingleError(ImportFormat.Companies, "ticker,name,fiscal_year_end_month\n" + row + "\n");

        AssertError(error, ImportFormat.Companies, 2, null, null, message);
    }

    [Fact]
    public async Task Quoted_text_keeps_its_spaces_and_unquoted_cells_are_trimmed()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Companies, "ticker,name,fiscal_year_end_month\n CORZ ,\" Core, Scientific \", 12 \n"));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal(new CompanyRow("CORZ", " Core, Scientific ", 12) { Line = 2 }, Assert.Single(batch.Companies));
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_lines_still_count()
    {
        var error = await SingleError(ImportFormat.Companies, "ticker,name,fiscal_year_end_month\n\nCORZ,Core Scientific,12\n\nIREN,IREN,13\n");

        AssertError(error, ImportFormat.Companies, 5, "fiscal_year_end_month", "13", "from 1 to 12");
    }
}

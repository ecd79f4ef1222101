using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

public class ImportReferenceTests
{
    private static readonly KnownKeys Nothing = KnownKeys.Empty;

    [Theory]
    [InlineData(ImportFormat.Sites)]
    [InlineData(ImportFormat.Contracts)]
    [InlineData(ImportFormat.ContractEvents)]
    [InlineData(ImportFormat.Tranches)]
    [InlineData(ImportFormat.RfsRevisions)]
    [InlineData(ImportFormat.Quarterly)]
    [InlineData(ImportFormat.Targets)]
    public async Task A_reference_to_an_unknown_ticker(string file)
    {
        var batch = await ImportTestFiles.Validate(Nothing, (file, ValidRows.Csv(file)));

        var error = Assert.Single(batch.Errors.ToList());
        Assert.Equal(new ImportError(file, 2, "ticker", "CORZ", "Unknown ticker 'CORZ': it is neither in companies.csv nor in the database."), error);
    }

    [Fact]
    public async Task A_reference_to_an_unknown_site()
    {
        var known = new KnownKeys(["CORZ"], [], [("CORZ", "CW")], []);

        var batch = await ImportTestFiles.Validate(known, (ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches)));

        Assert.Equal(new ImportError(ImportFormat.Tranches, 2, "site", "Denton", "Unknown site 'Denton' of CORZ: it is neither in sites.csv nor in the database."),
            Assert.Single(batch.Errors.ToList()));
    }

    [Fact]
    public async Task A_site_of_another_company_is_unknown()
    {
        var known = new KnownKeys(["CORZ", "IREN"], [("IREN", "Denton")], [("CORZ", "CW")], []);

        var batch = await ImportTestFiles.Validate(known, (ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches)));

        var error = Assert.Single(batch.Errors.ToList());
        Assert.Equal(("site", "Denton"), (error.Column, error.Value));
    }

    [Theory]
    [InlineData(ImportFormat.ContractEvents)]
    [InlineData(ImportFormat.Tranches)]
    public async Task A_reference_to_an_unknown_contract(string file)
    {
        var known = new KnownKeys(["CORZ"], [("CORZ", "Denton")], [("IREN", "CW")], []);

        var batch = await ImportTestFiles.Validate(known, (file, ValidRows.Csv(file)));

        Assert.Equal(new ImportError(file, 2, "contract", "CW", "Unknown contract 'CW' of CORZ: it is neither in contracts.csv nor in the database."),
            Assert.Single(batch.Errors.ToList()));
    }

    [Fact]
    public async Task A_tranche_without_a_contract_needs_none()
    {
        var known = new KnownKeys(["CORZ"], [("CORZ", "Denton")], [], []);

        var batch = await ImportTestFiles.Validate(known, (ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches, ("contract", ""))));

        Assert.Empty(batch.Errors.ToList());
        Assert.Null(Assert.Single(batch.Tranches).Contract);
    }

    [Fact]
    public async Task A_reference_to_an_unknown_tranche()
    {
        var known = new KnownKeys(["CORZ"], [], [], [("CORZ", "MUSKOGEE")]);

        var batch = await ImportTestFiles.Validate(known, (ImportFormat.RfsRevisions, ValidRows.Csv(ImportFormat.RfsRevisions)));

        Assert.Equal(new ImportError(ImportFormat.RfsRevisions, 2, "tranche", "DENTON", "Unknown tranche 'DENTON' of CORZ: it is neither in tranches.csv nor in the database."),
            Assert.Single(batch.Errors.ToList()));
    }

    [Fact]
    public async Task References_are_satisfied_by_the_files_of_the_same_import()
    {
        var batch = await ImportTestFiles.Validate(Nothing,
            (ImportFormat.RfsRevisions, ValidRows.Csv(ImportFormat.RfsRevisions)),
            (ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches)),
            (ImportFormat.ContractEvents, ValidRows.Csv(ImportFormat.ContractEvents)),
            (ImportFormat.Contracts, ValidRows.Csv(ImportFormat.Contracts)),
            (ImportFormat.Sites, ValidRows.Csv(ImportFormat.Sites)),
            (ImportFormat.Companies, ValidRows.Csv(ImportFormat.Companies)));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal([ImportFormat.Companies, ImportFormat.Sites, ImportFormat.Contracts, ImportFormat.ContractEvents, ImportFormat.Tranches, ImportFormat.RfsRevisions],
            batch.Files);
    }

    [Fact]
    public async Task References_are_satisfied_by_the_database_and_the_import_together()
    {
        var known = new KnownKeys(["CORZ"], [], [("CORZ", "CW")], []);

        var batch = await ImportTestFiles.Validate(known,
            (ImportFormat.Sites, ValidRows.Csv(ImportFormat.Sites)),
            (ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches)));

        Assert.Empty(batch.Errors.ToList());
    }

    [Fact]
    public async Task A_row_of_a_parent_file_with_a_bad_cell_still_declares_its_key_for_its_children()
    {
        var batch = await ImportTestFiles.Validate(Nothing,
            (ImportFormat.Companies, ValidRows.Csv(ImportFormat.Companies, ("fiscal_year_end_month", "13"))),
            (ImportFormat.Quarterly, ValidRows.Csv(ImportFormat.Quarterly)));

        var error = Assert.Single(batch.Errors.ToList());
        Assert.Equal((ImportFormat.Companies, "fiscal_year_end_month"), (error.File, error.Column));
    }

    [Fact]
    public async Task Btc_prices_and_indicators_refer_to_nothing()
    {
        var batch = await ImportTestFiles.Validate(Nothing,
            (ImportFormat.BtcPrices, ValidRows.Csv(ImportFormat.BtcPrices)),
            (ImportFormat.Indicators, ValidRows.Csv(ImportFormat.Indicators)));

        Assert.Empty(batch.Errors.ToList());
    }

    [Fact]
    public async Task A_row_with_a_bad_cell_has_its_references_checked_too()
    {
        var batch = await ImportTestFiles.Validate(new KnownKeys(["CORZ"], [], [("CORZ", "CW")], []),
            (ImportFormat.Tranches, ValidRows.Csv(ImportFormat.Tranches, ("critical_it_mw", "-1"))));

        Assert.Equal([("critical_it_mw", "-1"), ("site", "Denton")], batch.Errors.ToList().Select(e => (e.Column, e.Value)));
    }
}

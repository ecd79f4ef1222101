using System.Text;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

/// <summary>The catalog of fact kinds: every column of every kind reads and writes back, and the contract kind column behaves as DATA-FORMAT.md says.</summary>
public class FactCatalogTests
{
    public static IEnumerable<object[]> Kinds() => FactKinds.All.Select(k => new object[] { k.File });

    /// <summary>The valid row of a file with every column filled (a delivered tranche, so actual_rfs is set).</summary>
    private static (string Column, string Value)[] Filled(string file) =>
        file == ImportFormat.Tranches ? [("status", "billable"), ("actual_rfs", "2025-12-31")] : [];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_column_of_every_kind_round_trips_from_import_to_export_and_reads_the_same_in_a_form(string file)
    {
        var kind = FactKinds.Of(file);
        var cells = ValidRows.Cells(file, [.. Filled(file).Select(c => (c.Column, (string?)c.Value))]);
        Assert.All(kind.ColumnNames, column => Assert.False(string.IsNullOrEmpty(cells.GetValueOrDefault(column)), $"The test row of {file} leaves {column} empty."));
        var csv = ValidRows.Csv(file, Filled(file));

        var batch = await ImportTestFiles.Read((file, csv));
        Assert.Empty(batch.Errors.ToList());
        using var written = new MemoryStream();
        await ImportCsvWriter.WriteAsync(batch, file, written);

        Assert.Equal(csv, Encoding.UTF8.GetString(written.ToArray()));
        var imported = Assert.Single(kind.RowsIn(batch));
        var form = ImportRowCheck.Check(file, cells, ValidRows.CorzKeys);
        Assert.True(form.IsValid, string.Join("; ", form.Errors));
        Assert.True(kind.SameValues(imported, form.Row!));
        Assert.Equal(cells.OrderBy(c => c.Key), kind.CellsByName(form.Row!).OrderBy(c => c.Key));
    }

    [Fact]
    public async Task A_contracts_file_without_the_kind_column_reads_as_all_colocation_and_exports_the_column()
    {
        var columns = ImportFormat.ColumnsOf(ImportFormat.Contracts).Where(c => c != "kind").ToList();
        var cells = ValidRows.Cells(ImportFormat.Contracts);
        var csv = string.Join(",", columns) + "\n" + string.Join(",", columns.Select(c => ValidRows.Quote(cells[c]!))) + "\n";

        var batch = await ImportTestFiles.Read((ImportFormat.Contracts, csv));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal(ContractKind.Colocation, Assert.Single(batch.Contracts).Kind);
        using var written = new MemoryStream();
        await ImportCsvWriter.WriteAsync(batch, ImportFormat.Contracts, written);
        var lines = Encoding.UTF8.GetString(written.ToArray()).Split('\n');
        Assert.EndsWith(",source,kind", lines[0]);
        Assert.EndsWith(",colocation", lines[1]);
    }

    [Theory]
    [InlineData("gpu_cloud", ContractKind.GpuCloud)]
    [InlineData("BUILD_TO_SUIT", ContractKind.BuildToSuit)]
    [InlineData("", ContractKind.Colocation)]
    public async Task Each_kind_word_reads_in_any_case_and_an_empty_cell_is_colocation(string word, ContractKind expected)
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Contracts, ValidRows.Csv(ImportFormat.Contracts, ("kind", word))));

        Assert.Empty(batch.Errors.ToList());
        Assert.Equal(expected, Assert.Single(batch.Contracts).Kind);
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_naming_file_line_column_and_value_in_an_import_and_in_a_form()
    {
        var batch = await ImportTestFiles.Read((ImportFormat.Contracts, ValidRows.Csv(ImportFormat.Contracts, [[], [("contract", "CW2"), ("kind", "hyperscale")]])));

        var error = Assert.Single(batch.Errors.ToList());
        Assert.Equal(new ImportError(ImportFormat.Contracts, 3, "kind", "hyperscale", "kind 'hyperscale' is not one of: colocation, gpu_cloud, build_to_suit."), error);
        Assert.Equal("contracts.csv line 3, kind 'hyperscale': kind 'hyperscale' is not one of: colocation, gpu_cloud, build_to_suit.", error.ToString());
        Assert.Single(batch.Contracts);

        var form = ImportRowCheck.Check(ImportFormat.Contracts, ValidRows.Cells(ImportFormat.Contracts, ("kind", "hyperscale")), known: null);
        Assert.False(form.IsValid);
        Assert.Equal(error.Message, Assert.Single(form.MessagesFor("kind")));
    }

    [Fact]
    public void The_catalog_is_the_format_each_file_once_in_dependency_order_with_its_key_among_its_columns()
    {
        Assert.Equal(ImportFormat.FileNames, FactKinds.All.Select(k => k.File));
        Assert.All(FactKinds.All, k => Assert.Subset(k.ColumnNames.ToHashSet(), k.Key.ToHashSet()));
        Assert.All(FactKinds.All, k => Assert.All(k.Key, c => Assert.True(k.Column(c).Required, $"{k.File} key column {c} must be required.")));
        Assert.Equal(["colocation", "gpu_cloud", "build_to_suit"], ((WordColumn)FactKinds.Contracts.Column("kind").Type).Words);
    }
}

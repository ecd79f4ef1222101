using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

/// <summary>One valid row per file, as column → cell, and CSV text built from it with some cells changed.</summary>
internal static class ValidRows
{
    public static readonly KnownKeys CorzKeys = new(["CORZ"], [("CORZ", "Denton")], [("CORZ", "CW")], [("CORZ", "DENTON")]);

    private static readonly Dictionary<string, Dictionary<string, string>> Templates = new()
    {
        [ImportFormat.Companies] = new() { ["ticker"] = "CORZ", ["name"] = "Core Scientific", ["fiscal_year_end_month"] = "12" },
        [ImportFormat.Sites] = new()
        {
            ["ticker"] = "CORZ", ["site"] = "Denton", ["location"] = "Denton, TX", ["acquired_on"] = "2024-01-01", ["gross_mw"] = "394",
            ["critical_it_mw"] = "300", ["source"] = "src",
        },
        [ImportFormat.Contracts] = new()
        {
            ["ticker"] = "CORZ", ["contract"] = "CW", ["customer"] = "CoreWeave", ["contracted_mw"] = "590", ["term_years"] = "12",
            ["total_value_usd"] = "8700000000", ["annualized_revenue_usd"] = "725000000", ["signed_on"] = "2024-10-22",
            ["full_delivery_by"] = "2027-03-31", ["source"] = "src", ["kind"] = "colocation",
        },
        [ImportFormat.ContractEvents] = new()
        {
            ["ticker"] = "CORZ", ["contract"] = "CW", ["event"] = "signed", ["event_on"] = "2024-10-22", ["mw_change"] = "500", ["source"] = "src",
        },
        [ImportFormat.Tranches] = new()
        {
            ["ticker"] = "CORZ", ["site"] = "Denton", ["tranche"] = "DENTON", ["contract"] = "CW", ["customer"] = "CoreWeave",
            ["critical_it_mw"] = "260", ["status"] = "under_construction", ["actual_rfs"] = "", ["source"] = "src",
        },
        [ImportFormat.RfsRevisions] = new()
        {
            ["ticker"] = "CORZ", ["tranche"] = "DENTON", ["announced_on"] = "2025-05-07", ["rfs_date"] = "2025-12-31", ["source"] = "src",
            ["note"] = "Baseline.",
        },
        [ImportFormat.Quarterly] = new()
        {
            ["ticker"] = "CORZ", ["period_end"] = "2025-03-31", ["fiscal_label"] = "Q1 2025", ["reported_on"] = "2025-05-07",
            ["colocation_revenue_usd"] = "8600000", ["mining_revenue_usd"] = "67200000.50", ["btc_produced"] = "1.5",
            ["cash_cost_per_btc_usd"] = "50000", ["contracted_mw"] = "590", ["energized_mw"] = "300", ["billable_mw"] = "200",
            ["gross_pipeline_mw"] = "4500", ["capex_usd"] = "100000000", ["source"] = "src",
        },
        [ImportFormat.BtcPrices] = new() { ["date"] = "2024-01-01", ["close_usd"] = "44152.23", ["source"] = "src" },
        [ImportFormat.Targets] = new()
        {
            ["ticker"] = "CORZ", ["kind"] = "billable_mw", ["target_value"] = "250", ["deadline"] = "2025-12-31",
            ["announced_on"] = "2025-05-07", ["source"] = "src",
        },
        [ImportFormat.Indicators] = new()
        {
            ["series"] = "wgmi_ytd_price_return_pct", ["date"] = "2025-03-31", ["value"] = "-43", ["unit"] = "percent", ["source"] = "src",
        },
    };

    /// <summary>Header and one row of <paramref name="file"/>, with the given cells replaced.</summary>
    public static string Csv(string file, params (string Column, string Value)[] changes) => Csv(file, [changes]);

    /// <summary>Header and one row per element of <paramref name="rows"/>, each the valid row with its changes.</summary>
    public static string Csv(string file, IEnumerable<(string Column, string Value)[]> rows)
    {
        var columns = ImportFormat.ColumnsOf(file);
        var text = new System.Text.StringBuilder(string.Join(",", columns)).Append('\n');
        foreach (var changes in rows)
        {
            var cells = new Dictionary<string, string>(Templates[file]);
            foreach (var (column, value) in changes)
            {
                cells[column] = value;
            }
            text.Append(string.Join(",", columns.Select(c => Quote(cells[c])))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The valid row of <paramref name="file"/> as a form would give it, with the given cells replaced.</summary>
    public static Dictionary<string, string?> Cells(string file, params (string Column, string? Value)[] changes)
    {
        var cells = Templates[file].ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        foreach (var (column, value) in changes)
        {
            cells[column] = value;
        }
        return cells;
    }

    public static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    public static IEnumerable<object[]> RequiredCells() =>
        ImportFormat.FileNames.SelectMany(file => ImportFormat.RequiredColumnsOf(file).Order(StringComparer.Ordinal)
            .Select(column => new object[] { file, column }));

    public static IEnumerable<object[]> AllFiles() => ImportFormat.FileNames.Select(file => new object[] { file });
}

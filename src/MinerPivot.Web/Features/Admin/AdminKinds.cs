using MinerPivot.Core.Import;

namespace MinerPivot.Web.Features.Admin;

/// <summary>How a form enters a column: the importer reads every value as text, so each input ends in the column's cell.</summary>
public enum FieldInput
{
    Text,
    LongText,
    Money,
    Quantity,
    Date,
    Month,
    Company,
    Site,
    Contract,
    Tranche,
    Word,
}

/// <summary>One column of an import file as a form shows it.</summary>
public sealed record FactField(string Column, string Label, FieldInput Input, string? Unit = null, string? Help = null)
{
    /// <summary>A heading the form groups this field under (the quarter form's period, revenue, capacity).</summary>
    public string? Group { get; init; }

    /// <summary>For <see cref="FieldInput.Word"/>: the words of the format, in order.</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>Quantities that may be negative (indicator values); the importer's rule decides, this only sets the keyboard.</summary>
    public bool AllowsNegative { get; init; }
}

/// <summary>
/// A kind of fact an admin keeps: its address, titles and audit name; its fields are the columns of its kind in the
/// catalog (<see cref="FactKinds"/>), so a new column appears in the form without a change here.
/// </summary>
public sealed record AdminKind(string Slug, string File, string Title, string Singular, string AuditType, string Description)
{
    public FactKind Fact => FactKinds.Of(File);

    public IReadOnlyList<FactField> Fields { get; } = [.. FactKinds.Of(File).Columns.Select(FieldOf)];

    private static FactField FieldOf(FactColumn column) => new(column.Name, column.Label, InputOf(column), column.Unit, column.Help)
    {
        Group = column.Group,
        Words = column.Type is WordColumn words ? words.Words : [],
        AllowsNegative = column.Type is NumberColumn { Rule.AllowNegative: true },
    };

    private static FieldInput InputOf(FactColumn column) => (column.Refers, column.Type) switch
    {
        (FactRef.Company, _) => FieldInput.Company,
        (FactRef.Site, _) => FieldInput.Site,
        (FactRef.Contract, _) => FieldInput.Contract,
        (FactRef.Tranche, _) => FieldInput.Tranche,
        (_, NumberColumn { IsMoney: true }) => FieldInput.Money,
        (_, NumberColumn) => FieldInput.Quantity,
        (_, DateColumn) => FieldInput.Date,
        (_, MonthColumn) => FieldInput.Month,
        (_, WordColumn) => FieldInput.Word,
        _ => column.Multiline ? FieldInput.LongText : FieldInput.Text,
    };

    public IReadOnlyList<string> Key => ImportFormat.KeyOf(File);

    public bool IsRequired(string column) => ImportFormat.RequiredColumnsOf(File).Contains(column);

    public FactField Field(string column) => Fields.First(f => f.Column == column);

    public string Label(string column) => Fields.FirstOrDefault(f => f.Column == column)?.Label ?? column;

    /// <summary>The natural key as text, e.g. "CORZ 2026-03-31": what the audit trail names a row by.</summary>
    public string KeyText(IReadOnlyDictionary<string, string?> cells) =>
        string.Join(" ", Key.Select(c => cells.TryGetValue(c, out var v) ? v : null).Where(v => !string.IsNullOrEmpty(v)));

    public string ListHref => $"admin/{Slug}";

    /// <summary>The list's order when none is chosen, and its tie-breakers after a chosen column: by default the natural key.</summary>
    public IReadOnlyList<(string Column, bool Desc)> ListOrder { get; init; } = [.. ImportFormat.KeyOf(File).Select(k => (k, false))];

    /// <summary>Columns the list shows on wide screens only (besides long texts such as the source).</summary>
    public IReadOnlySet<string> ListWideOnly { get; init; } = new HashSet<string>();

    /// <summary>The columns a list row is named by in its buttons ("Edit CORZ Q1 2026"): by default the natural key.</summary>
    public IReadOnlyList<string> RowName { get; init; } = ImportFormat.KeyOf(File);

    /// <summary>
    /// An importer message in the form's words: column names become their labels ("reported_on is before period_end" →
    /// "Reported on is before period end").
    /// </summary>
    public string Explain(string message)
    {
        foreach (var field in Fields.OrderByDescending(f => f.Column.Length))
        {
            if (message.StartsWith(field.Column + " ", StringComparison.Ordinal))
            {
                message = field.Label + message[field.Column.Length..];
            }
            if (field.Column.Contains('_'))
            {
                message = System.Text.RegularExpressions.Regex.Replace(message, $@"\b{field.Column}\b", InSentence(field.Label));
            }
        }
        return message;
    }

    /// <summary>A label inside a sentence: lower-case first letter, unless it starts with an acronym (BTC produced, MW change).</summary>
    private static string InSentence(string label) =>
        label.Length > 1 && char.IsUpper(label[1]) ? label : char.ToLowerInvariant(label[0]) + label[1..];
}

public static class AdminKinds
{
    public static readonly AdminKind Companies = new("companies", ImportFormat.Companies, "Companies", "company", "company",
        "Listed miners: ticker, name and the month their fiscal year ends.");

    public static readonly AdminKind Sites = new("sites", ImportFormat.Sites, "Sites", "site", "site",
        "Campuses with utility power: gross MW and, where known, critical IT MW.");

    public static readonly AdminKind Contracts = new("contracts", ImportFormat.Contracts, "Contracts", "contract", "contract",
        "Colocation, GPU-cloud and build-to-suit contracts, with their events (signed, expanded, downsized, cancelled).")
    {
        ListWideOnly = new HashSet<string> { "term_years", "total_value_usd" },
    };

    public static readonly AdminKind ContractEvents = new("contract-events", ImportFormat.ContractEvents, "Contract events", "contract event",
        "contract_event", "Append-only history of a contract.");

    public static readonly AdminKind Tranches = new("tranches", ImportFormat.Tranches, "Tranches", "tranche", "tranche",
        "Blocks of capacity with their own customer, MW and RFS date; each keeps its RFS revision history.");

    public static readonly AdminKind RfsRevisions = new("rfs-revisions", ImportFormat.RfsRevisions, "RFS revisions", "RFS revision",
        "rfs_revision", "Append-only announcements of a tranche's expected RFS date.");

    public static readonly AdminKind Quarters = new("quarters", ImportFormat.Quarterly, "Quarterly figures", "quarter", "quarter",
        "One row per company and fiscal quarter: revenue, BTC economics and the MW funnel.")
    {
        ListOrder = [("period_end", true), ("ticker", false)],
        ListWideOnly = new HashSet<string> { "btc_produced", "cash_cost_per_btc_usd", "energized_mw", "gross_pipeline_mw", "capex_usd" },
        RowName = ["ticker", "fiscal_label"],
    };

    public static readonly AdminKind Prices = new("prices", ImportFormat.BtcPrices, "BTC prices", "BTC price", "btc_price",
        "Daily BTC closes in USD.")
    {
        ListOrder = [("date", true)],
    };

    public static readonly AdminKind Targets = new("targets", ImportFormat.Targets, "Targets", "target", "target",
        "Company targets such as \"X billable MW by date T\".")
    {
        ListOrder = [("ticker", false), ("deadline", false)],
    };

    public static readonly AdminKind Indicators = new("indicators", ImportFormat.Indicators, "Indicators", "indicator value", "indicator",
        "Market context series: the miners ETF, memory prices, the public-miner cash cost…")
    {
        ListOrder = [("series", false), ("date", true)],
    };

    /// <summary>The kinds with a list page of their own, in the order the admin home shows them.</summary>
    public static IReadOnlyList<AdminKind> Listed { get; } = [Companies, Sites, Contracts, Tranches, Quarters, Prices, Targets, Indicators];

    public static IReadOnlyList<AdminKind> All { get; } = [.. Listed, ContractEvents, RfsRevisions];

    /// <summary>A word of the format as people read it: under_construction → under construction, billable_mw → billable MW.</summary>
    public static string Display(string word) =>
        word.Replace("_mw", " MW", StringComparison.Ordinal).Replace("gpu_", "GPU ", StringComparison.Ordinal).Replace('_', ' ');
}

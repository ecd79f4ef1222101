using MinerPivot.Core.Domain;
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

/// <summary>A kind of fact an admin keeps: its address, its import file (whose rules its form follows) and its fields.</summary>
public sealed record AdminKind(string Slug, string File, string Title, string Singular, string AuditType, string Description,
    IReadOnlyList<FactField> Fields)
{
    public IReadOnlyList<string> Key => ImportFormat.KeyOf(File);

    public bool IsRequired(string column) => ImportFormat.RequiredColumnsOf(File).Contains(column);

    public FactField Field(string column) => Fields.First(f => f.Column == column);

    public string Label(string column) => Fields.FirstOrDefault(f => f.Column == column)?.Label ?? column;

    /// <summary>The natural key as text, e.g. "CORZ 2026-03-31": what the audit trail names a row by.</summary>
    public string KeyText(IReadOnlyDictionary<string, string?> cells) =>
        string.Join(" ", Key.Select(c => cells.TryGetValue(c, out var v) ? v : null).Where(v => !string.IsNullOrEmpty(v)));

    public string ListHref => $"admin/{Slug}";

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
    private static FactField Source() => new("source", "Source", FieldInput.LongText,
        Help: "A URL or a document title and date, so anyone can check the figure.");

    private static FactField Ticker() => new("ticker", "Company", FieldInput.Company);

    private static IReadOnlyList<string> Words<TEnum>() where TEnum : struct, Enum => ImportVocabulary.AllWords<TEnum>();

    public static readonly AdminKind Companies = new("companies", ImportFormat.Companies, "Companies", "company", "company",
        "Listed miners: ticker, name and the month their fiscal year ends.",
        [
            new("ticker", "Ticker", FieldInput.Text, Help: $"1–{Limits.Ticker} upper-case letters, digits, '.' or '-', e.g. CORZ."),
            new("name", "Name", FieldInput.Text),
            new("fiscal_year_end_month", "Fiscal year ends in", FieldInput.Month, Help: "Some fiscal years end in June; quarters are labelled by it."),
        ]);

    public static readonly AdminKind Sites = new("sites", ImportFormat.Sites, "Sites", "site", "site",
        "Campuses with utility power: gross MW and, where known, critical IT MW.",
        [
            Ticker(),
            new("site", "Site", FieldInput.Text),
            new("location", "Location", FieldInput.Text),
            new("acquired_on", "Acquired on", FieldInput.Date),
            new("gross_mw", "Gross MW", FieldInput.Quantity, "MW gross", "Utility power capacity at the site."),
            new("critical_it_mw", "Critical IT MW", FieldInput.Quantity, "MW IT", "Power billable to tenants; smaller than gross. Never added to gross."),
            Source(),
        ]);

    public static readonly AdminKind Contracts = new("contracts", ImportFormat.Contracts, "Contracts", "contract", "contract",
        "Colocation and hosting contracts, with their events (signed, expanded, downsized, cancelled).",
        [
            Ticker(),
            new("contract", "Contract code", FieldInput.Text, Help: "A short code, unique per company, e.g. CW."),
            new("customer", "Customer", FieldInput.Text),
            new("contracted_mw", "Contracted MW", FieldInput.Quantity, "MW IT", "Critical IT MW under the contract (the latest total)."),
            new("term_years", "Term", FieldInput.Quantity, "years"),
            new("total_value_usd", "Total value", FieldInput.Money, "USD"),
            new("annualized_revenue_usd", "Annualized revenue", FieldInput.Money, "USD / year"),
            new("signed_on", "Signed on", FieldInput.Date),
            new("full_delivery_by", "Fully delivered by", FieldInput.Date),
            Source(),
        ]);

    public static readonly AdminKind ContractEvents = new("contract-events", ImportFormat.ContractEvents, "Contract events", "contract event",
        "contract_event", "Append-only history of a contract.",
        [
            Ticker(),
            new("contract", "Contract", FieldInput.Contract),
            new("event", "Event", FieldInput.Word) { Words = Words<ContractEventKind>() },
            new("event_on", "Event on", FieldInput.Date),
            new("mw_change", "MW change", FieldInput.Quantity, "MW IT", "Positive for signed and expanded; the size of the cut for downsized."),
            Source(),
        ]);

    public static readonly AdminKind Tranches = new("tranches", ImportFormat.Tranches, "Tranches", "tranche", "tranche",
        "Blocks of capacity with their own customer, MW and RFS date; each keeps its RFS revision history.",
        [
            Ticker(),
            new("site", "Site", FieldInput.Site),
            new("tranche", "Tranche code", FieldInput.Text, Help: "Unique per company."),
            new("contract", "Contract", FieldInput.Contract, Help: "The contract this tranche delivers, if any."),
            new("customer", "Customer", FieldInput.Text),
            new("critical_it_mw", "Critical IT MW", FieldInput.Quantity, "MW IT"),
            new("status", "Status", FieldInput.Word) { Words = Words<TrancheStatus>() },
            new("actual_rfs", "Actual RFS", FieldInput.Date, Help: "Required for ready for service and billable; empty otherwise."),
            Source(),
        ]);

    public static readonly AdminKind RfsRevisions = new("rfs-revisions", ImportFormat.RfsRevisions, "RFS revisions", "RFS revision",
        "rfs_revision", "Append-only announcements of a tranche's expected RFS date.",
        [
            Ticker(),
            new("tranche", "Tranche", FieldInput.Tranche),
            new("announced_on", "Announced on", FieldInput.Date, Help: "When the company announced this date (the source's date)."),
            new("rfs_date", "RFS date", FieldInput.Date, Help: "The expected ready-for-service date as announced."),
            Source(),
            new("note", "Note", FieldInput.LongText, Help: "Optional: why the date moved."),
        ]);

    public static readonly AdminKind Quarters = new("quarters", ImportFormat.Quarterly, "Quarterly figures", "quarter", "quarter",
        "One row per company and fiscal quarter: revenue, BTC economics and the MW funnel.",
        [
            Ticker() with { Group = "Quarter" },
            new("period_end", "Period end", FieldInput.Date) { Group = "Quarter" },
            new("fiscal_label", "Fiscal label", FieldInput.Text, Help: "The company's own label, e.g. Q1 2026 or FQ2 2026.") { Group = "Quarter" },
            new("reported_on", "Reported on", FieldInput.Date, Help: "When the figures were published (on or after the period end); from then on they count.") { Group = "Quarter" },
            new("colocation_revenue_usd", "Colocation revenue", FieldInput.Money, "USD", "GAAP revenue from HPC/AI colocation and hosting.") { Group = "Revenue and costs" },
            new("mining_revenue_usd", "Mining revenue", FieldInput.Money, "USD") { Group = "Revenue and costs" },
            new("capex_usd", "Capex", FieldInput.Money, "USD") { Group = "Revenue and costs" },
            new("btc_produced", "BTC produced", FieldInput.Quantity, "BTC") { Group = "Revenue and costs" },
            new("cash_cost_per_btc_usd", "Cash cost per BTC", FieldInput.Money, "USD / BTC") { Group = "Revenue and costs" },
            new("contracted_mw", "Contracted MW", FieldInput.Quantity, "MW IT", "Critical IT MW under signed contracts.") { Group = "Capacity" },
            new("energized_mw", "Energized MW", FieldInput.Quantity, "MW IT") { Group = "Capacity" },
            new("billable_mw", "Billable MW", FieldInput.Quantity, "MW IT", "Live and billing.") { Group = "Capacity" },
            new("gross_pipeline_mw", "Gross pipeline", FieldInput.Quantity, "MW gross", "Gross MW with land and power; not cash flow.") { Group = "Capacity" },
            Source() with { Group = "Source" },
        ]);

    public static readonly AdminKind Prices = new("prices", ImportFormat.BtcPrices, "BTC prices", "BTC price", "btc_price",
        "Daily BTC closes in USD.",
        [
            new("date", "Date", FieldInput.Date),
            new("close_usd", "Close", FieldInput.Money, "USD"),
            Source(),
        ]);

    public static readonly AdminKind Targets = new("targets", ImportFormat.Targets, "Targets", "target", "target",
        "Company targets such as \"X billable MW by date T\".",
        [
            Ticker(),
            new("kind", "Kind", FieldInput.Word) { Words = Words<TargetKind>() },
            new("target_value", "Target", FieldInput.Quantity, "MW IT"),
            new("deadline", "Deadline", FieldInput.Date),
            new("announced_on", "Announced on", FieldInput.Date),
            Source(),
        ]);

    public static readonly AdminKind Indicators = new("indicators", ImportFormat.Indicators, "Indicators", "indicator value", "indicator",
        "Market context series: the miners ETF, memory prices, the public-miner cash cost…",
        [
            new("series", "Series", FieldInput.Text, Help: "snake_case name, e.g. wgmi_close or public_miner_cash_cost_per_btc_usd."),
            new("date", "Date", FieldInput.Date),
            new("value", "Value", FieldInput.Quantity, Help: "May be negative (a return, a change).") { AllowsNegative = true },
            new("unit", "Unit", FieldInput.Text, Help: "e.g. USD, percent, index."),
            Source(),
        ]);

    /// <summary>The kinds with a list page of their own, in the order the admin home shows them.</summary>
    public static IReadOnlyList<AdminKind> Listed { get; } = [Companies, Sites, Contracts, Tranches, Quarters, Prices, Targets, Indicators];

    public static IReadOnlyList<AdminKind> All { get; } = [.. Listed, ContractEvents, RfsRevisions];

    /// <summary>A word of the format as people read it: under_construction → under construction, billable_mw → billable MW.</summary>
    public static string Display(string word) => word.Replace("_mw", " MW", StringComparison.Ordinal).Replace('_', ' ');
}

using System.Collections.Frozen;
using System.Globalization;
using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Import;

/// <summary>
/// The catalog: one descriptor per file of DATA-FORMAT.md, in dependency order (parents before the rows that refer to
/// them). Adding a column means a column here (and in its row record), the entity and a migration.
/// </summary>
public static class FactKinds
{
    private const string SourceHelp = "A URL or a document title and date, so anyone can check the figure.";

    private static FactColumn Col<TRow>(string name, string label, ColumnType type, Func<TRow, object?> get, bool required = false,
        string? unit = null, string? help = null) where TRow : ImportRow =>
        new(name, label, type, row => get((TRow)row)) { Required = required, Unit = unit, Help = help };

    private static FactColumn Ticker<TRow>(Func<TRow, string> get) where TRow : ImportRow =>
        Col<TRow>("ticker", "Company", TickerColumn.Instance, get, required: true) with { Refers = FactRef.Company };

    private static FactColumn Text<TRow>(string name, string label, int maxLength, Func<TRow, string?> get, bool required = true,
        string? help = null) where TRow : ImportRow =>
        Col<TRow>(name, label, new TextColumn(maxLength), get, required, help: help);

    private static FactColumn Date<TRow>(string name, string label, Func<TRow, DateOnly?> get, bool required = true, string? help = null)
        where TRow : ImportRow =>
        Col<TRow>(name, label, DateColumn.Instance, r => get(r), required, help: help);

    private static FactColumn Number<TRow>(string name, string label, NumberRule rule, Func<TRow, decimal?> get, bool required = false,
        string? unit = null, string? help = null) where TRow : ImportRow =>
        Col<TRow>(name, label, new NumberColumn(rule), r => get(r), required, unit, help);

    private static FactColumn Money<TRow>(string name, string label, Func<TRow, decimal?> get, bool required = false, string? unit = "USD",
        string? help = null, NumberRule? rule = null) where TRow : ImportRow =>
        Col<TRow>(name, label, new NumberColumn(rule ?? NumberRule.Money, money: true), r => get(r), required, unit, help);

    private static FactColumn Word<TRow, TEnum>(string name, string label, Func<TRow, TEnum> get) where TRow : ImportRow where TEnum : struct, Enum =>
        Col<TRow>(name, label, WordColumn<TEnum>.Instance, r => get(r), required: true);

    private static FactColumn Source<TRow>(Func<TRow, string> get) where TRow : ImportRow =>
        Text("source", "Source", Limits.Source, get, help: SourceHelp) with { Multiline = true };

    public static readonly FactKind<CompanyRow> Companies = new(ImportFormat.Companies, ["ticker"], FactRef.Company,
        v => new CompanyRow(v.Get<string>("ticker"), v.Get<string>("name"), v.Get<int>("fiscal_year_end_month")),
        [
            Col<CompanyRow>("ticker", "Ticker", TickerColumn.Instance, r => r.Ticker, required: true,
                help: $"1–{Limits.Ticker} upper-case letters, digits, '.' or '-', e.g. CORZ."),
            Text<CompanyRow>("name", "Name", Limits.CompanyName, r => r.Name),
            Col<CompanyRow>("fiscal_year_end_month", "Fiscal year ends in", MonthColumn.Instance, r => r.FiscalYearEndMonth, required: true,
                help: "Some fiscal years end in June; quarters are labelled by it."),
        ]);

    public static readonly FactKind<SiteRow> Sites = new(ImportFormat.Sites, ["ticker", "site"], FactRef.Site,
        v => new SiteRow(v.Get<string>("ticker"), v.Get<string>("site"), v.Get<string>("location"), v.Get<DateOnly?>("acquired_on"),
            v.Get<decimal>("gross_mw"), v.Get<decimal?>("critical_it_mw"), v.Get<string>("source")),
        [
            Ticker<SiteRow>(r => r.Ticker),
            Text<SiteRow>("site", "Site", Limits.SiteName, r => r.Site),
            Text<SiteRow>("location", "Location", Limits.Location, r => r.Location),
            Date<SiteRow>("acquired_on", "Acquired on", r => r.AcquiredOn, required: false),
            Number<SiteRow>("gross_mw", "Gross MW", NumberRule.Mw, r => r.GrossMw, required: true, "MW gross", "Utility power capacity at the site."),
            Number<SiteRow>("critical_it_mw", "Critical IT MW", NumberRule.Mw, r => r.CriticalItMw, unit: "MW IT",
                help: "Power billable to tenants; smaller than gross. Never added to gross."),
            Source<SiteRow>(r => r.Source),
        ]);

    public static readonly FactKind<ContractRow> Contracts = new(ImportFormat.Contracts, ["ticker", "contract"], FactRef.Contract,
        v => new ContractRow(v.Get<string>("ticker"), v.Get<string>("contract"), v.Get<string>("customer"), v.Get<decimal>("contracted_mw"),
            v.Get<decimal?>("term_years"), v.Get<decimal?>("total_value_usd"), v.Get<decimal?>("annualized_revenue_usd"), v.Get<DateOnly>("signed_on"),
            v.Get<DateOnly?>("full_delivery_by"), v.Get<string>("source")) { Kind = v.Get<ContractKind>("kind") },
        [
            Ticker<ContractRow>(r => r.Ticker),
            Text<ContractRow>("contract", "Contract code", Limits.ContractCode, r => r.Contract, help: "A short code, unique per company, e.g. CW."),
            Text<ContractRow>("customer", "Customer", Limits.Customer, r => r.Customer),
            Number<ContractRow>("contracted_mw", "Contracted MW", NumberRule.Mw, r => r.ContractedMw, required: true, "MW IT",
                "Critical IT MW under the contract (the latest total)."),
            Number<ContractRow>("term_years", "Term", NumberRule.Years, r => r.TermYears, unit: "years"),
            Money<ContractRow>("total_value_usd", "Total value", r => r.TotalValueUsd),
            Money<ContractRow>("annualized_revenue_usd", "Annualized revenue", r => r.AnnualizedRevenueUsd, unit: "USD / year"),
            Date<ContractRow>("signed_on", "Signed on", r => r.SignedOn),
            Date<ContractRow>("full_delivery_by", "Fully delivered by", r => r.FullDeliveryBy, required: false),
            Source<ContractRow>(r => r.Source),
            Word<ContractRow, ContractKind>("kind", "Kind", r => r.Kind) with
            {
                Required = false,
                Default = ContractKind.Colocation,
                Help = "colocation: a lease of powered capacity; GPU cloud: compute sold as a service on the operator's own GPUs.",
            },
        ],
        (v, check) =>
        {
            if (v.Get<decimal?>("annualized_revenue_usd") is { } revenue && v.Get<decimal?>("contracted_mw") is { } mw && mw > 0m)
            {
                var perMw = revenue / mw;
                var bounds = check.Bounds;
                if (perMw < bounds.MinRevenuePerMwYearUsd || perMw > bounds.MaxRevenuePerMwYearUsd)
                {
                    check.Fail("annualized_revenue_usd", check.Cell("annualized_revenue_usd"),
                        $"annualized_revenue_usd over contracted_mw is {perMw.ToString("#,##0", CultureInfo.InvariantCulture)} USD per MW-year, " +
                        $"outside the plausible {bounds.MinRevenuePerMwYearUsd.ToString("#,##0", CultureInfo.InvariantCulture)}–" +
                        $"{bounds.MaxRevenuePerMwYearUsd.ToString("#,##0", CultureInfo.InvariantCulture)}.");
                }
            }
        });

    public static readonly FactKind<ContractEventRow> ContractEvents = new(ImportFormat.ContractEvents, ["ticker", "contract", "event", "event_on"],
        FactRef.None,
        v => new ContractEventRow(v.Get<string>("ticker"), v.Get<string>("contract"), v.Get<ContractEventKind>("event"), v.Get<DateOnly>("event_on"),
            v.Get<decimal?>("mw_change"), v.Get<string>("source")),
        [
            Ticker<ContractEventRow>(r => r.Ticker),
            Text<ContractEventRow>("contract", "Contract", Limits.ContractCode, r => r.Contract) with { Refers = FactRef.Contract },
            Word<ContractEventRow, ContractEventKind>("event", "Event", r => r.Event),
            Date<ContractEventRow>("event_on", "Event on", r => r.EventOn),
            Number<ContractEventRow>("mw_change", "MW change", NumberRule.Mw, r => r.MwChange, unit: "MW IT",
                help: "Positive for signed and expanded; the size of the cut for downsized."),
            Source<ContractEventRow>(r => r.Source),
        ])
    {
        SortBy = ["ticker", "contract", "event_on", "event"],
        AppendOnly = new(r => ContractEvents!.KeyText(r), "Record a change as a new event (expanded, downsized or cancelled) instead."),
    };


    public static readonly FactKind<TrancheRow> Tranches = new(ImportFormat.Tranches, ["ticker", "tranche"], FactRef.Tranche,
        v => new TrancheRow(v.Get<string>("ticker"), v.Get<string>("site"), v.Get<string>("tranche"), v.Get<string?>("contract"),
            v.Get<string>("customer"), v.Get<decimal>("critical_it_mw"), v.Get<TrancheStatus>("status"), v.Get<DateOnly?>("actual_rfs"),
            v.Get<string>("source")),
        [
            Ticker<TrancheRow>(r => r.Ticker),
            Text<TrancheRow>("site", "Site", Limits.SiteName, r => r.Site) with { Refers = FactRef.Site },
            Text<TrancheRow>("tranche", "Tranche code", Limits.TrancheCode, r => r.Tranche, help: "Unique per company."),
            Text<TrancheRow>("contract", "Contract", Limits.ContractCode, r => r.Contract, required: false,
                help: "The contract this tranche delivers, if any.") with { Refers = FactRef.Contract },
            Text<TrancheRow>("customer", "Customer", Limits.Customer, r => r.Customer),
            Number<TrancheRow>("critical_it_mw", "Critical IT MW", NumberRule.Mw, r => r.CriticalItMw, required: true, "MW IT"),
            Word<TrancheRow, TrancheStatus>("status", "Status", r => r.Status),
            Date<TrancheRow>("actual_rfs", "Actual RFS", r => r.ActualRfs, required: false,
                help: "Required for ready for service and billable; empty otherwise."),
            Source<TrancheRow>(r => r.Source),
        ],
        (v, check) =>
        {
            if (v.Get<TrancheStatus?>("status") is { } status)
            {
                var delivered = status is TrancheStatus.ReadyForService or TrancheStatus.Billable;
                var word = ImportVocabulary.Word(status);
                if (delivered && check.Cell("actual_rfs") is null)
                {
                    check.Fail("actual_rfs", "", $"status {word} needs actual_rfs, the date the tranche became ready for service.");
                }
                else if (!delivered && v.Get<DateOnly?>("actual_rfs") is not null)
                {
                    check.Fail("actual_rfs", check.Cell("actual_rfs"),
                        $"status {word} contradicts actual_rfs: only ready_for_service and billable tranches have an actual RFS date.");
                }
            }
        });

    public static readonly FactKind<RfsRevisionRow> RfsRevisions = new(ImportFormat.RfsRevisions, ["ticker", "tranche", "announced_on"], FactRef.None,
        v => new RfsRevisionRow(v.Get<string>("ticker"), v.Get<string>("tranche"), v.Get<DateOnly>("announced_on"), v.Get<DateOnly>("rfs_date"),
            v.Get<string>("source"), v.Get<string?>("note")),
        [
            Ticker<RfsRevisionRow>(r => r.Ticker),
            Text<RfsRevisionRow>("tranche", "Tranche", Limits.TrancheCode, r => r.Tranche) with { Refers = FactRef.Tranche },
            Date<RfsRevisionRow>("announced_on", "Announced on", r => r.AnnouncedOn, help: "When the company announced this date (the source's date)."),
            Date<RfsRevisionRow>("rfs_date", "RFS date", r => r.RfsDate, help: "The expected ready-for-service date as announced."),
            Source<RfsRevisionRow>(r => r.Source),
            Text<RfsRevisionRow>("note", "Note", Limits.Note, r => r.Note, required: false, help: "Optional: why the date moved.") with { Multiline = true },
        ])
    {
        AppendOnly = new(r => r is RfsRevisionRow x ? $"the revision of {x.Ticker} {x.Tranche} announced on {ImportValueFormat.Date(x.AnnouncedOn)}" : "",
            "To move the RFS date, add a revision with a later announced_on."),
    };

    public static readonly FactKind<QuarterlyRow> Quarterly = new(ImportFormat.Quarterly, ["ticker", "period_end"], FactRef.None,
        v => new QuarterlyRow(v.Get<string>("ticker"), v.Get<DateOnly>("period_end"), v.Get<string>("fiscal_label"), v.Get<DateOnly>("reported_on"),
            v.Get<decimal?>("colocation_revenue_usd"), v.Get<decimal?>("mining_revenue_usd"), v.Get<decimal?>("btc_produced"),
            v.Get<decimal?>("cash_cost_per_btc_usd"), v.Get<decimal?>("contracted_mw"), v.Get<decimal?>("energized_mw"), v.Get<decimal?>("billable_mw"),
            v.Get<decimal?>("gross_pipeline_mw"), v.Get<decimal?>("capex_usd"), v.Get<string>("source")),
        [
            Ticker<QuarterlyRow>(r => r.Ticker) with { Group = "Quarter" },
            Date<QuarterlyRow>("period_end", "Period end", r => r.PeriodEnd) with { Group = "Quarter" },
            Text<QuarterlyRow>("fiscal_label", "Fiscal label", Limits.FiscalLabel, r => r.FiscalLabel,
                help: "The company's own label, e.g. Q1 2026 or FQ2 2026.") with { Group = "Quarter" },
            Date<QuarterlyRow>("reported_on", "Reported on", r => r.ReportedOn,
                help: "When the figures were published (on or after the period end); from then on they count.") with { Group = "Quarter" },
            Money<QuarterlyRow>("colocation_revenue_usd", "Colocation revenue", r => r.ColocationRevenueUsd,
                help: "GAAP revenue from HPC/AI colocation and hosting.") with { Group = "Revenue and costs" },
            Money<QuarterlyRow>("mining_revenue_usd", "Mining revenue", r => r.MiningRevenueUsd) with { Group = "Revenue and costs" },
            Number<QuarterlyRow>("btc_produced", "BTC produced", NumberRule.Btc, r => r.BtcProduced, unit: "BTC") with { Group = "Revenue and costs" },
            Money<QuarterlyRow>("cash_cost_per_btc_usd", "Cash cost per BTC", r => r.CashCostPerBtcUsd, unit: "USD / BTC",
                rule: NumberRule.Price) with { Group = "Revenue and costs" },
            Number<QuarterlyRow>("contracted_mw", "Contracted MW", NumberRule.Mw, r => r.ContractedMw, unit: "MW IT",
                help: "Critical IT MW under signed contracts.") with { Group = "Capacity" },
            Number<QuarterlyRow>("energized_mw", "Energized MW", NumberRule.Mw, r => r.EnergizedMw, unit: "MW IT") with { Group = "Capacity" },
            Number<QuarterlyRow>("billable_mw", "Billable MW", NumberRule.Mw, r => r.BillableMw, unit: "MW IT", help: "Live and billing.") with { Group = "Capacity" },
            Number<QuarterlyRow>("gross_pipeline_mw", "Gross pipeline", NumberRule.Mw, r => r.GrossPipelineMw, unit: "MW gross",
                help: "Gross MW with land and power; not cash flow.") with { Group = "Capacity" },
            Money<QuarterlyRow>("capex_usd", "Capex", r => r.CapexUsd) with { Group = "Revenue and costs" },
            Source<QuarterlyRow>(r => r.Source) with { Group = "Source" },
        ],
        (v, check) =>
        {
            if (v.Get<DateOnly?>("period_end") is { } p && v.Get<DateOnly?>("reported_on") is { } r && r < p)
            {
                check.Fail("reported_on", check.Cell("reported_on"),
                    $"reported_on is before period_end ({ImportValueFormat.Date(p)}); figures are reported after the quarter ends.");
            }
        });

    public static readonly FactKind<BtcPriceRow> BtcPrices = new(ImportFormat.BtcPrices, ["date"], FactRef.None,
        v => new BtcPriceRow(v.Get<DateOnly>("date"), v.Get<decimal>("close_usd"), v.Get<string>("source")),
        [
            Date<BtcPriceRow>("date", "Date", r => r.Date),
            Money<BtcPriceRow>("close_usd", "Close", r => r.CloseUsd, required: true, rule: NumberRule.Price),
            Source<BtcPriceRow>(r => r.Source),
        ]);

    public static readonly FactKind<TargetRow> Targets = new(ImportFormat.Targets, ["ticker", "kind", "deadline"], FactRef.None,
        v => new TargetRow(v.Get<string>("ticker"), v.Get<TargetKind>("kind"), v.Get<decimal>("target_value"), v.Get<DateOnly>("deadline"),
            v.Get<DateOnly>("announced_on"), v.Get<string>("source")),
        [
            Ticker<TargetRow>(r => r.Ticker),
            Word<TargetRow, TargetKind>("kind", "Kind", r => r.Kind),
            Number<TargetRow>("target_value", "Target", NumberRule.TargetValue, r => r.TargetValue, required: true, "MW IT"),
            Date<TargetRow>("deadline", "Deadline", r => r.Deadline),
            Date<TargetRow>("announced_on", "Announced on", r => r.AnnouncedOn),
            Source<TargetRow>(r => r.Source),
        ]);

    public static readonly FactKind<IndicatorRow> Indicators = new(ImportFormat.Indicators, ["series", "date"], FactRef.None,
        v => new IndicatorRow(v.Get<string>("series"), v.Get<DateOnly>("date"), v.Get<decimal>("value"), v.Get<string>("unit"), v.Get<string>("source")),
        [
            Text<IndicatorRow>("series", "Series", Limits.Series, r => r.Series,
                help: "snake_case name, e.g. wgmi_close or public_miner_cash_cost_per_btc_usd."),
            Date<IndicatorRow>("date", "Date", r => r.Date),
            Number<IndicatorRow>("value", "Value", NumberRule.Indicator, r => r.Value, required: true, help: "May be negative (a return, a change)."),
            Text<IndicatorRow>("unit", "Unit", Limits.Unit, r => r.Unit, help: "e.g. USD, percent, index."),
            Source<IndicatorRow>(r => r.Source),
        ]);

    /// <summary>Every kind, in dependency order.</summary>
    public static IReadOnlyList<FactKind> All { get; } =
        [Companies, Sites, Contracts, ContractEvents, Tranches, RfsRevisions, Quarterly, BtcPrices, Targets, Indicators];

    private static readonly FrozenDictionary<string, FactKind> ByFile = All.ToFrozenDictionary(k => k.File, StringComparer.OrdinalIgnoreCase);
    private static readonly FrozenDictionary<Type, FactKind> ByRowType = All.ToFrozenDictionary(k => k.RowType);

    /// <summary>The kind of a file given in any case (a folder part is ignored), or null.</summary>
    public static FactKind? Find(string file) => ByFile.GetValueOrDefault(Path.GetFileName(file));

    public static FactKind Of(string file) =>
        Find(file) ?? throw new ArgumentException($"Unknown import file '{file}'.", nameof(file));

    public static FactKind Of(ImportRow row) =>
        ByRowType.TryGetValue(row.GetType(), out var kind) ? kind : throw new ArgumentException($"Unknown row type {row.GetType().Name}.", nameof(row));
}

using System.Text.Json.Serialization;
using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Signposts;

/// <summary>The cash cost per BTC that applied on a day and where it came from.</summary>
/// <param name="CostUsd">Cash cost per BTC in USD.</param>
/// <param name="Basis"><see cref="Company"/> or <see cref="IndustryAverage"/> (mining_margin's <c>details.costBasis</c>).</param>
/// <param name="Date">The company quarter's period end, or the date of the industry value.</param>
/// <param name="Source">The source of that figure.</param>
public sealed record CostBasisPoint(decimal CostUsd, string Basis, DateOnly Date, string Source)
{
    public const string Company = "company";
    public const string IndustryAverage = "industry_average";
}

/// <summary>A quarter reported by the as-of date, with colocation revenue growth by the engine's rules (percent, 2 decimals).</summary>
/// <param name="ColocationQoqPct">Growth vs the previous quarter that reports colocation revenue; null without one or from $0.</param>
/// <param name="ColocationYoyPct">Growth vs the year-ago quarter (as colocation_momentum finds it); null without one or from $0.</param>
/// <param name="YearAgoPeriodEnd">That year-ago quarter's period end, or null.</param>
public sealed record QuarterSnapshot(
    DateOnly PeriodEnd,
    string FiscalLabel,
    DateOnly ReportedOn,
    decimal? ColocationRevenueUsd,
    decimal? MiningRevenueUsd,
    decimal? BtcProduced,
    decimal? CashCostPerBtcUsd,
    decimal? ContractedMw,
    decimal? EnergizedMw,
    decimal? BillableMw,
    decimal? GrossPipelineMw,
    decimal? CapexUsd,
    string Source,
    decimal? ColocationQoqPct,
    decimal? ColocationYoyPct,
    DateOnly? YearAgoPeriodEnd);

/// <summary>An RFS revision announced by the as-of date, with its slip against the baseline.</summary>
public sealed record RevisionSnapshot(
    DateOnly AnnouncedOn,
    DateOnly RfsDate,
    string Source,
    string? Note,
    int DaysVsBaseline,
    bool IsBaseline,
    bool IsCurrent);

/// <summary>
/// A tranche known at the as-of date with its revisions (in announcement order) and slip. <see cref="Status"/> is null
/// when the stored status is a delivery (ready_for_service, billable) that happened after the as-of date. Cancelled
/// tranches are listed and count nowhere: their slip fields are null, as are they all when the evaluation failed.
/// </summary>
public sealed record TrancheSnapshot(
    string Tranche,
    string Site,
    string? Contract,
    string Customer,
    decimal CriticalItMw,
    TrancheStatus? Status,
    DateOnly? BaselineRfs,
    DateOnly? CurrentRfs,
    DateOnly? ActualRfs,
    int? SlipDays,
    bool Overdue,
    int DaysOverdue,
    SlipSeverity? Severity,
    decimal? RevenueAtRiskUsd,
    string Source,
    IReadOnlyList<RevisionSnapshot> Revisions)
{
    [JsonIgnore]
    public bool Cancelled => Status == TrancheStatus.Cancelled;

    [JsonIgnore]
    public bool Delivered => ActualRfs is not null;

    /// <summary>The revision that set the current RFS, or null without one.</summary>
    [JsonIgnore]
    public RevisionSnapshot? CurrentRevision => Revisions.LastOrDefault(static r => r.IsCurrent);
}

/// <summary>A contract event dated by the as-of date.</summary>
public sealed record ContractEventSnapshot(ContractEventKind Event, DateOnly EventOn, decimal? MwChange, string Source);

/// <summary>
/// A contract signed by the as-of date with its events and, unless cancelled (or the evaluation failed), its delivery
/// as contract_delivery measured it.
/// </summary>
public sealed record ContractSnapshot(
    string Contract,
    string Customer,
    ContractKind Kind,
    decimal ContractedMw,
    decimal? TermYears,
    decimal? TotalValueUsd,
    decimal? AnnualizedRevenueUsd,
    DateOnly SignedOn,
    DateOnly? FullDeliveryBy,
    string Source,
    IReadOnlyList<ContractEventSnapshot> Events,
    bool Cancelled,
    SignpostStatus? DeliveryStatus,
    decimal? DeliveredMw,
    decimal? ScheduledMw);

/// <summary>A billable MW target announced by the as-of date and its evaluation (null status when the evaluation failed).</summary>
public sealed record TargetSnapshot(
    DateOnly Deadline,
    decimal TargetMw,
    DateOnly AnnouncedOn,
    string Source,
    SignpostStatus? Status,
    string? Explanation);

/// <summary>mining_margin's inputs at the as-of date.</summary>
public sealed record MarginSnapshot(MarketPoint? BtcClose, CostBasisPoint? Cost, decimal? MarginPct);

/// <summary>A BTC close with the cash cost per BTC that applied that day (<see cref="CostBasisPoint.Basis"/> words).</summary>
public sealed record MarginPoint(DateOnly Date, decimal BtcPriceUsd, decimal? CashCostUsd, string? CostBasis);

/// <summary>
/// One company as known at a date, typed: what the engine filtered, measured and decided. Pages, the API, slippage,
/// alerts, charts and CSV exports project it; none of them computes a rule again.
/// </summary>
public sealed class CompanySnapshot
{
    private readonly SignpostEngine _engine;
    private readonly MarketFacts _market;
    private readonly QuarterlyFigure[] _quarters;

    internal CompanySnapshot(SignpostEngine engine, MarketFacts market, QuarterlyFigure[] quarters)
    {
        _engine = engine;
        _market = market;
        _quarters = quarters;
    }

    public required string Ticker { get; init; }
    public required string Name { get; init; }
    public required DateOnly AsOf { get; init; }

    /// <summary>Signposts, tranche slips and verdict (the API's shape).</summary>
    public required CompanyEvaluation Evaluation { get; init; }

    /// <summary>Quarters reported by the as-of date, by period end.</summary>
    public required IReadOnlyList<QuarterSnapshot> Quarters { get; init; }

    /// <summary>Known tranches (cancelled ones included), by site then code.</summary>
    public required IReadOnlyList<TrancheSnapshot> Tranches { get; init; }

    /// <summary>Contracts signed by the as-of date (cancelled ones included), by code.</summary>
    public required IReadOnlyList<ContractSnapshot> Contracts { get; init; }

    /// <summary>Billable MW targets announced by the as-of date, by deadline.</summary>
    public required IReadOnlyList<TargetSnapshot> Targets { get; init; }

    public required MarginSnapshot Margin { get; init; }

    /// <summary>The rule texts, from the thresholds this snapshot was evaluated with.</summary>
    public SignpostRuleBook Rules => _engine.Rules;

    public Verdict Verdict => Evaluation.Verdict;

    public QuarterSnapshot? LatestQuarter => Quarters.Count == 0 ? null : Quarters[^1];

    /// <summary>
    /// BTC closes with the cash cost that applied each day (as mining_margin would have chosen it then), from a quarter
    /// before the first quarter known (else two years before the latest close), at most <paramref name="windowDays"/>
    /// before the as-of date, thinned evenly to at most <paramref name="maxPoints"/> (the latest close always kept).
    /// </summary>
    public IReadOnlyList<MarginPoint> MarginHistory(int windowDays, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windowDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        var closes = _market.BtcCloses(DayOrMin(AsOf.DayNumber - windowDays), AsOf);
        var from = _quarters.Length > 0
            ? DayOrMin(_quarters[0].PeriodEnd.DayNumber - 92)
            : DayOrMin(closes.Count > 0 ? closes[^1].Date.DayNumber - 2 * 365 : 0);
        var start = 0;
        while (start < closes.Count && closes[start].Date < from) start++;
        var count = closes.Count - start;
        var step = Math.Max(1, (int)Math.Ceiling(count / (double)maxPoints));
        var points = new List<MarginPoint>(count / step + 1);
        for (var i = 0; i < count; i++)
        {
            if (i % step != 0 && i != count - 1) continue;
            var close = closes[start + i];
            var cost = _engine.CostOn(_quarters, _market, close.Date);
            points.Add(new MarginPoint(close.Date, close.Value, cost?.CostUsd, cost?.Basis));
        }
        return points;
    }

    private static DateOnly DayOrMin(int dayNumber) => DateOnly.FromDayNumber(Math.Max(dayNumber, 0));

    /// <summary>The snapshot of <paramref name="view"/> and its <paramref name="evaluation"/>.</summary>
    internal static CompanySnapshot Build(SignpostEngine engine, CompanyFacts facts, AsOfView view, MarketFacts market, CompanyEvaluation evaluation)
    {
        var failed = evaluation.Verdict == Verdict.Error;
        var asOf = view.AsOf;

        // Quarters, with QoQ/YoY over those that report colocation revenue (colocation_momentum's series).
        var withRevenue = new List<QuarterlyFigure>(view.Quarters.Length);
        foreach (var q in view.Quarters)
        {
            if (q.ColocationRevenueUsd is not null) withRevenue.Add(q);
        }
        var growth = new Dictionary<QuarterlyFigure, (decimal? Qoq, decimal? Yoy, DateOnly? YearAgo)>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < withRevenue.Count; i++)
        {
            var revenue = withRevenue[i].ColocationRevenueUsd!.Value;
            decimal? qoq = i > 0 ? Fmt.GrowthPct(withRevenue[i - 1].ColocationRevenueUsd!.Value, revenue) : null;
            var y = engine.YearAgoIndex(withRevenue, i);
            growth[withRevenue[i]] = (qoq, y < 0 ? null : Fmt.GrowthPct(withRevenue[y].ColocationRevenueUsd!.Value, revenue),
                y < 0 ? null : withRevenue[y].PeriodEnd);
        }
        var quarters = new QuarterSnapshot[view.Quarters.Length];
        for (var i = 0; i < quarters.Length; i++)
        {
            var q = view.Quarters[i];
            var g = growth.GetValueOrDefault(q);
            quarters[i] = new QuarterSnapshot(q.PeriodEnd, q.FiscalLabel, q.ReportedOn, q.ColocationRevenueUsd, q.MiningRevenueUsd,
                q.BtcProduced, q.CashCostPerBtcUsd, q.ContractedMw, q.EnergizedMw, q.BillableMw, q.GrossPipelineMw, q.CapexUsd, q.Source,
                g.Qoq, g.Yoy, g.YearAgo);
        }

        var tranches = new TrancheSnapshot[view.ListedTranches.Length];
        for (var i = 0; i < tranches.Length; i++)
        {
            var t = view.ListedTranches[i];
            var tranche = t.Tranche;
            var counts = !failed && tranche.Status != TrancheStatus.Cancelled;
            var status = !t.Delivered && tranche.Status is TrancheStatus.ReadyForService or TrancheStatus.Billable
                ? (TrancheStatus?)null
                : tranche.Status;
            tranches[i] = new TrancheSnapshot(t.Code, t.SiteName, t.Contract?.Code, tranche.Customer, t.Mw, status,
                t.Baseline, t.Current, t.Actual,
                counts ? t.SlipDays : null, counts && t.Overdue, counts ? t.DaysOverdue : 0, counts ? t.Severity : null,
                counts ? t.RevenueAtRiskUsd : null, tranche.Source, Revisions(t, asOf));
        }

        Dictionary<string, SignpostEvaluation> deliveries = failed
            ? []
            : evaluation.WithKey(SignpostKeys.ContractDelivery).Where(s => s.Subject is not null).ToDictionary(s => s.Subject!, StringComparer.Ordinal);
        var contracts = new ContractSnapshot[view.Contracts.Length];
        for (var i = 0; i < contracts.Length; i++)
        {
            var cv = view.Contracts[i];
            var c = cv.Contract;
            var events = new List<ContractEventSnapshot>(c.Events.Count);
            foreach (var e in c.Events)
            {
                if (e.EventOn <= asOf) events.Add(new ContractEventSnapshot(e.Kind, e.EventOn, e.MwChange, e.Source));
            }
            events.Sort(static (a, b) =>
            {
                var x = a.EventOn.CompareTo(b.EventOn);
                return x != 0 ? x : a.Event.CompareTo(b.Event);
            });
            var delivery = cv.Cancelled ? null : deliveries.GetValueOrDefault(c.Code);
            contracts[i] = new ContractSnapshot(c.Code, c.Customer, c.Kind, c.ContractedMw, c.TermYears, c.TotalValueUsd, c.AnnualizedRevenueUsd,
                c.SignedOn, c.FullDeliveryBy, c.Source, events, cv.Cancelled, delivery?.Status,
                delivery?.Details.GetValueOrDefault("deliveredMw") as decimal?, delivery?.Details.GetValueOrDefault("scheduledMw") as decimal?);
        }

        List<SignpostEvaluation> targetEvaluations = failed ? [] : evaluation.WithKey(SignpostKeys.BillableMwTarget).ToList();
        var targets = new TargetSnapshot[view.Targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            var t = view.Targets[i];
            var e = targetEvaluations.Count == targets.Length ? targetEvaluations[i] : null;
            targets[i] = new TargetSnapshot(t.Deadline, t.TargetValue, t.AnnouncedOn, t.Source, e?.Status, e?.Explanation);
        }

        var margin = failed ? null : evaluation.Find(SignpostKeys.MiningMargin);
        return new CompanySnapshot(engine, market, view.Quarters)
        {
            Ticker = facts.Company.Ticker,
            Name = facts.Company.Name,
            AsOf = asOf,
            Evaluation = evaluation,
            Quarters = quarters,
            Tranches = tranches,
            Contracts = contracts,
            Targets = targets,
            Margin = new MarginSnapshot(market.LatestBtcClose(asOf), engine.CostOn(view.Quarters, market, asOf),
                margin?.Details.GetValueOrDefault("marginPct") as decimal?),
        };
    }

    /// <summary>A company whose facts could not even be filtered: its failed evaluation and nothing else.</summary>
    internal static CompanySnapshot Failed(SignpostEngine engine, CompanyFacts facts, MarketFacts market, CompanyEvaluation evaluation) =>
        new(engine, market, [])
        {
            Ticker = facts.Company.Ticker,
            Name = facts.Company.Name,
            AsOf = evaluation.AsOf,
            Evaluation = evaluation,
            Quarters = [],
            Tranches = [],
            Contracts = [],
            Targets = [],
            Margin = new MarginSnapshot(null, null, null),
        };

    private static RevisionSnapshot[] Revisions(TrancheView t, DateOnly asOf)
    {
        if (t.BaselineRevision is not { } baseline) return [];
        var known = new List<RfsRevision>(t.Tranche.Revisions.Count);
        foreach (var r in t.Tranche.Revisions)
        {
            if (r.AnnouncedOn <= asOf) known.Add(r);
        }
        known.Sort(static (a, b) =>
            RfsRevisionRules.IsBefore(a.AnnouncedOn, a.RfsDate, b.AnnouncedOn, b.RfsDate) ? -1
            : RfsRevisionRules.IsBefore(b.AnnouncedOn, b.RfsDate, a.AnnouncedOn, a.RfsDate) ? 1
            : 0);
        var result = new RevisionSnapshot[known.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var r = known[i];
            result[i] = new RevisionSnapshot(r.AnnouncedOn, r.RfsDate, r.Source, r.Note,
                RfsRevisionRules.DaysVsBaseline(baseline.RfsDate, r.RfsDate),
                ReferenceEquals(r, baseline), ReferenceEquals(r, t.CurrentRevision));
        }
        return result;
    }
}

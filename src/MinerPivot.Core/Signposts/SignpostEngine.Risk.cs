using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Signposts;

public partial class SignpostEngine
{
    /// <summary>
    /// rfs_slippage at company level. Status looks forward: only tranches not delivered by D count (breached if any is
    /// major or critical, at_risk if any is minor, else ok). Value = MW-weighted mean slip days over every known,
    /// non-cancelled tranche that has a slip (delivered or not), rounded to 2 decimals; a plain mean if their MW sum
    /// to 0. no_data when no tranche has any RFS date (baseline, current or actual).
    /// details.revenueAtRiskUsd sums the undelivered tranches only (a delivered tranche's delay is revenue already
    /// lost, not at risk). A tranche's revenue at risk uses its slip days as defined (current − baseline), also when
    /// overdue; <see cref="TrancheSlip.DaysOverdue"/> tells how far past the current RFS it is.
    /// </summary>
    private SignpostEvaluation RfsSlippage(AsOfView view)
    {
        var key = SignpostKeys.RfsSlippage;
        var sources = new SourceList();
        decimal weighted = 0m, weight = 0m, plain = 0m, atRisk = 0m;
        int withSlip = 0, withDate = 0, undelivered = 0, minor = 0, major = 0, critical = 0, overdue = 0;
        TrancheView? worst = null;
        foreach (var t in view.Tranches)
        {
            if (t.HasRfsDate) withDate++;
            if (t.SlipDays is { } s)
            {
                withSlip++;
                weighted += t.Mw * s;
                weight += t.Mw;
                plain += s;
            }
            if (t.Delivered) continue;
            undelivered++;
            switch (t.Severity)
            {
                case SlipSeverity.Minor: minor++; break;
                case SlipSeverity.Major: major++; break;
                case SlipSeverity.Critical: critical++; break;
            }
            if (t.Overdue) overdue++;
            atRisk += t.RevenueAtRiskUsd ?? 0m;
            if (t.Severity > SlipSeverity.None && (worst is null || IsWorse(t, worst))) worst = t;
        }
        decimal? mean = withSlip == 0 ? null : Fmt.Round2(weight != 0m ? weighted / weight : plain / withSlip);
        if (worst is not null) sources.Add(worst.BaselineSource).Add(worst.CurrentSource);

        var details = new Dictionary<string, object?>
        {
            ["trancheCount"] = view.Tranches.Length,
            ["tranchesWithSlip"] = withSlip,
            ["undeliveredCount"] = undelivered,
            ["minorCount"] = minor,
            ["majorCount"] = major,
            ["criticalCount"] = critical,
            ["overdueCount"] = overdue,
            ["worstTranche"] = worst?.Code,
            ["worstSeverity"] = worst?.Severity.ToWire(),
            ["worstSlipDays"] = worst?.SlipDays,
            ["revenueAtRiskUsd"] = view.AnnualizedRevenuePerContractedMw is null ? null : Fmt.Round2(atRisk),
            ["annualizedRevenuePerContractedMwUsd"] = view.AnnualizedRevenuePerContractedMw is { } r ? Fmt.Round2(r) : null,
        };

        if (withDate == 0)
        {
            return Make(key, null, SignpostStatus.NoData, null, null, SignpostUnits.Days, details,
                view.Tranches.Length == 0
                    ? "No tranche is known by this date, so there is no RFS date to track."
                    : $"None of the {view.Tranches.Length} known tranche(s) has an RFS date yet.",
                sources);
        }

        var status = major + critical > 0 ? SignpostStatus.Breached : minor > 0 ? SignpostStatus.AtRisk : SignpostStatus.Ok;
        var meanText = mean is { } m2 ? $"MW-weighted mean slip is {Fmt.Num(m2)} days over {withSlip} tranche(s)" : "no tranche has a baseline RFS";
        var riskText = view.AnnualizedRevenuePerContractedMw is null ? "" : $", revenue at risk {Fmt.Usd(atRisk)}";
        string why;
        if (worst is null)
        {
            why = $"None of {undelivered} undelivered tranche(s) has slipped or is overdue; {meanText}.";
        }
        else
        {
            var worstText = worst.Overdue
                ? $"{worst.Code} is {Fmt.Days(worst.DaysOverdue)} past its current RFS {Fmt.Date(worst.Current!.Value)}"
                : $"{worst.Code} slipped {Fmt.Days(worst.SlipDays!.Value)} from {Fmt.Date(worst.Baseline!.Value)} to {Fmt.Date(worst.Current!.Value)}";
            why = $"{major + critical} of {undelivered} undelivered tranche(s) are major or critical and {minor} minor (worst: {worstText}, {worst.Severity.ToWire()}){riskText}; {meanText}.";
        }
        return Make(key, null, status, mean, null, SignpostUnits.Days, details, why, sources);
    }

    private static bool IsWorse(TrancheView a, TrancheView b)
    {
        if (a.Severity != b.Severity) return a.Severity > b.Severity;
        var ra = a.RevenueAtRiskUsd ?? 0m;
        var rb = b.RevenueAtRiskUsd ?? 0m;
        if (ra != rb) return ra > rb;
        var sa = (a.SlipDays ?? 0) + a.DaysOverdue;
        var sb = (b.SlipDays ?? 0) + b.DaysOverdue;
        if (sa != sb) return sa > sb;
        return string.CompareOrdinal(a.Code, b.Code) < 0;
    }

    /// <summary>
    /// mining_margin. BTC = the latest close on or before D. Cash cost = the company's, from the latest quarter (by
    /// period end) known by D that reports one, if that quarter ended at most 200 days before D; otherwise the latest
    /// value on or before D of the industry series. If neither exists (or no BTC price), no_data: a stale company
    /// figure is never used. Margin % rounded to 2 decimals decides: ok ≥ 25, at_risk ≥ 0, breached &lt; 0.
    /// </summary>
    private SignpostEvaluation MiningMargin(AsOfView view, MarketFacts market)
    {
        var key = SignpostKeys.MiningMargin;
        var asOf = view.AsOf;
        var btc = market.LatestBtcClose(asOf);
        var applied = CostOn(view.Quarters, market, asOf);
        decimal? cost = applied?.CostUsd;
        var basis = applied?.Basis;
        DateOnly? costDate = applied?.Date;
        var sources = new SourceList();

        var details = new Dictionary<string, object?>
        {
            ["btcPriceUsd"] = btc?.Value,
            ["btcPriceDate"] = btc?.Date,
            ["cashCostPerBtcUsd"] = cost,
            ["costBasis"] = basis,
            ["costDate"] = costDate,
            ["marginPct"] = null,
        };

        if (btc is not { } price || price.Value <= 0m || cost is not { } costValue)
        {
            var missing = btc is null || btc.Value.Value <= 0m
                ? "no BTC close on or before this date"
                : $"no company cash cost from a quarter ended within {Thresholds.CompanyCostMaxAgeDays} days and no {Thresholds.IndustryCashCostSeries} value";
            return Make(key, null, SignpostStatus.NoData, null, Thresholds.MarginOkPct, SignpostUnits.Percent, details,
                $"The mining margin cannot be computed: {missing}.", sources);
        }

        sources.Add(price.Source).Add(applied!.Source);

        // price > 0 (checked above) and both are bounded by their columns (≤ 1e16), so this cannot overflow.
        var margin = Fmt.Round2((price.Value - costValue) / price.Value * 100m);
        details["marginPct"] = margin;
        var status = margin >= Thresholds.MarginOkPct ? SignpostStatus.Ok
            : margin >= 0m ? SignpostStatus.AtRisk
            : SignpostStatus.Breached;
        var costText = basis == "company"
            ? $"the company's cash cost of {Fmt.Usd(costValue)} per BTC (quarter ended {Fmt.Date(costDate!.Value)})"
            : $"the public-miner average cash cost of {Fmt.Usd(costValue)} per BTC ({Fmt.Date(costDate!.Value)})";
        var level = status switch
        {
            SignpostStatus.Ok => $"at or above the {Fmt.Pct(Thresholds.MarginOkPct)} ok level",
            SignpostStatus.AtRisk => $"below the {Fmt.Pct(Thresholds.MarginOkPct)} ok level",
            _ => "negative: each BTC costs more to mine than it sells for",
        };
        return Make(key, null, status, margin, Thresholds.MarginOkPct, SignpostUnits.Percent, details,
            $"BTC at {Fmt.Usd(price.Value)} ({Fmt.Date(price.Date)}) against {costText} gives a margin of {Fmt.Pct(margin)}, {level}.",
            sources);
    }

    /// <summary>
    /// The cash cost per BTC that applies on <paramref name="day"/>: the company's, from the latest quarter (by period end)
    /// of <paramref name="quarters"/> reported by that day that gives one, if it ended at most
    /// <see cref="SignpostThresholds.CompanyCostMaxAgeDays"/> before it; else the latest industry-series value on or
    /// before it; else null. <paramref name="quarters"/> are sorted by period end.
    /// </summary>
    internal CostBasisPoint? CostOn(IReadOnlyList<QuarterlyFigure> quarters, MarketFacts market, DateOnly day)
    {
        for (var i = quarters.Count - 1; i >= 0; i--)
        {
            var q = quarters[i];
            if (q.CashCostPerBtcUsd is not { } own || q.ReportedOn > day) continue;
            if (day.DayNumber - q.PeriodEnd.DayNumber <= Thresholds.CompanyCostMaxAgeDays)
            {
                return new CostBasisPoint(own, CostBasisPoint.Company, q.PeriodEnd, q.Source);
            }
            break;
        }
        return market.LatestIndicator(Thresholds.IndustryCashCostSeries, day) is { } industry
            ? new CostBasisPoint(industry.Value, CostBasisPoint.IndustryAverage, industry.Date, industry.Source)
            : null;
    }

    /// <summary>
    /// demand_integrity. Breached when a contract signed by D has a Downsized or Cancelled event dated in
    /// (D − 180 days, D], or a user-defined <see cref="IndicatorRule"/> fires on the latest value of its series on or
    /// before D (strictly above/below the threshold). Value = the number of such triggers.
    /// </summary>
    private SignpostEvaluation DemandIntegrity(AsOfView view, MarketFacts market)
    {
        var key = SignpostKeys.DemandIntegrity;
        var asOf = view.AsOf;
        var windowStart = asOf.AddDays(-Thresholds.DemandLookbackDays);
        var sources = new SourceList();

        var events = new List<(Contract Contract, ContractEvent Event)>();
        foreach (var cv in view.Contracts)
        {
            foreach (var e in cv.Contract.Events)
            {
                if (e.Kind is ContractEventKind.Downsized or ContractEventKind.Cancelled && e.EventOn > windowStart && e.EventOn <= asOf)
                {
                    events.Add((cv.Contract, e));
                }
            }
        }
        events.Sort(static (a, b) =>
        {
            var c = b.Event.EventOn.CompareTo(a.Event.EventOn);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Contract.Code, b.Contract.Code);
            if (c != 0) return c;
            c = a.Event.Kind.CompareTo(b.Event.Kind);
            if (c != 0) return c;
            c = Nullable.Compare(a.Event.MwChange, b.Event.MwChange);
            return c != 0 ? c : string.CompareOrdinal(a.Event.Source, b.Event.Source);
        });

        var eventDetails = new List<IReadOnlyDictionary<string, object?>>(events.Count);
        var eventTexts = new List<string>(events.Count);
        foreach (var (contract, e) in events)
        {
            var kind = e.Kind == ContractEventKind.Cancelled ? "cancelled" : "downsized";
            eventDetails.Add(new Dictionary<string, object?>
            {
                ["contract"] = contract.Code,
                ["customer"] = contract.Customer,
                ["event"] = kind,
                ["eventOn"] = e.EventOn,
                ["mwChange"] = e.MwChange,
            }.AsReadOnly());
            var mwText = e.MwChange is { } mw && e.Kind == ContractEventKind.Downsized ? $" by {Fmt.Mw(mw)}" : "";
            eventTexts.Add($"contract {contract.Code} ({contract.Customer}) {kind}{mwText} on {Fmt.Date(e.EventOn)}");
            sources.Add(e.Source);
        }

        var ruleDetails = new List<IReadOnlyDictionary<string, object?>>(Thresholds.IndicatorRules.Count);
        var ruleTexts = new List<string>();
        foreach (var rule in Thresholds.IndicatorRules)
        {
            var latest = string.IsNullOrWhiteSpace(rule.Series) ? null : market.LatestIndicator(rule.Series, asOf);
            var fired = latest is { } p && (rule.Comparison == IndicatorComparison.Above ? p.Value > rule.Threshold : p.Value < rule.Threshold);
            ruleDetails.Add(new Dictionary<string, object?>
            {
                ["series"] = rule.Series,
                ["comparison"] = rule.Comparison.ToWire(),
                ["threshold"] = rule.Threshold,
                ["description"] = rule.Description,
                ["latestValue"] = latest?.Value,
                ["latestDate"] = latest?.Date,
                ["fired"] = fired,
            }.AsReadOnly());
            if (fired)
            {
                var name = string.IsNullOrWhiteSpace(rule.Description) ? rule.Series : rule.Description;
                ruleTexts.Add($"rule \"{name}\" fired: {rule.Series} at {Fmt.Num(latest!.Value.Value)} on {Fmt.Date(latest.Value.Date)} is {rule.Comparison.ToWire()} {Fmt.Num(rule.Threshold)}");
                sources.Add(latest.Value.Source);
            }
        }

        var triggers = events.Count + ruleTexts.Count;
        var status = triggers > 0 ? SignpostStatus.Breached : SignpostStatus.Ok;
        var why = triggers > 0
            ? $"Demand weakened within the last {Thresholds.DemandLookbackDays} days to {Fmt.Date(asOf)}: {string.Join("; ", eventTexts.Concat(ruleTexts))}."
            : $"No contract was downsized or cancelled in the {Thresholds.DemandLookbackDays} days to {Fmt.Date(asOf)} and none of {Thresholds.IndicatorRules.Count} indicator rule(s) fired.";
        return Make(key, null, status, triggers, null, SignpostUnits.Count,
            new()
            {
                ["lookbackDays"] = Thresholds.DemandLookbackDays,
                ["windowStartExclusive"] = windowStart,
                ["contractEvents"] = eventDetails.ToArray(),
                ["indicatorRules"] = ruleDetails.ToArray(),
                ["firedRuleCount"] = ruleTexts.Count,
            },
            why, sources);
    }
}

using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Signposts;

public partial class SignpostEngine
{
    /// <summary>
    /// colocation_momentum. Only quarters that report colocation revenue count: "previous" is the previous such
    /// quarter, and the year-ago quarter is the one whose period end is closest to 365 days before the latest within
    /// ±45 days (ties: the later one). Value = YoY %, target = the YoY threshold. Growth from $0 has no percentage;
    /// its direction still counts (from $0 to more is YoY ≥ +50%; QoQ is negative only if revenue fell).
    /// </summary>
    private SignpostEvaluation ColocationMomentum(AsOfView view)
    {
        var key = SignpostKeys.ColocationMomentum;
        var q = new List<QuarterlyFigure>(view.Quarters.Length);
        foreach (var x in view.Quarters)
        {
            if (x.ColocationRevenueUsd is not null) q.Add(x);
        }
        var sources = new SourceList();
        if (q.Count < 2)
        {
            var only = q.Count == 1 ? q[0] : null;
            sources.Add(only?.Source);
            return Make(key, null, SignpostStatus.NoData, null, Thresholds.MomentumYoYPct, SignpostUnits.Percent,
                new()
                {
                    ["latestPeriodEnd"] = only?.PeriodEnd,
                    ["latestRevenueUsd"] = only?.ColocationRevenueUsd,
                    ["quartersWithColocationRevenue"] = q.Count,
                },
                only is null
                    ? "No quarter reported by this date gives colocation revenue, so momentum cannot be measured."
                    : $"Only one quarter reports colocation revenue ({Fmt.Usd(only.ColocationRevenueUsd!.Value)} for the quarter ended {Fmt.Date(only.PeriodEnd)}), so momentum needs one more.",
                sources);
        }

        var latest = q[^1];
        var previous = q[^2];
        var beforePrevious = q.Count >= 3 ? q[^3] : null;
        var latestRev = latest.ColocationRevenueUsd!.Value;
        var previousRev = previous.ColocationRevenueUsd!.Value;

        var qoqPct = Fmt.GrowthPct(previousRev, latestRev);
        var qoqNegative = qoqPct is { } p ? p < 0 : latestRev < previousRev;
        decimal? previousQoqPct = null;
        var previousQoqNegative = false;
        if (beforePrevious is not null)
        {
            var bpRev = beforePrevious.ColocationRevenueUsd!.Value;
            previousQoqPct = Fmt.GrowthPct(bpRev, previousRev);
            previousQoqNegative = previousQoqPct is { } pp ? pp < 0 : previousRev < bpRev;
        }

        var yearAgoAt = YearAgoIndex(q, q.Count - 1);
        var yearAgo = yearAgoAt < 0 ? null : q[yearAgoAt];
        decimal? yoyPct = null;
        var yoyMet = false;
        if (yearAgo is not null)
        {
            var yaRev = yearAgo.ColocationRevenueUsd!.Value;
            yoyPct = Fmt.GrowthPct(yaRev, latestRev);
            yoyMet = yoyPct is { } y ? y >= Thresholds.MomentumYoYPct : latestRev > 0m;
        }

        var status = (previousQoqNegative && qoqNegative) ? SignpostStatus.Breached
            : qoqNegative ? SignpostStatus.AtRisk
            : yoyMet ? SignpostStatus.Met
            : SignpostStatus.OnTrack;

        sources.Add(latest.Source).Add(previous.Source).Add(yearAgo?.Source);
        if (status == SignpostStatus.Breached) sources.Add(beforePrevious!.Source);

        var qoqText = qoqPct is { } qp ? $"{Fmt.SignedPct(qp)} QoQ" : latestRev > 0m ? "QoQ up from $0" : "QoQ flat at $0";
        var yoyText = yearAgo is null
            ? $"no year-ago quarter ended {Thresholds.YoYWindowDays - Thresholds.YoYToleranceDays}–{Thresholds.YoYWindowDays + Thresholds.YoYToleranceDays} days earlier"
            : yoyPct is { } yp
                ? $"{Fmt.SignedPct(yp)} YoY vs {Fmt.Usd(yearAgo.ColocationRevenueUsd!.Value)} ({Fmt.Date(yearAgo.PeriodEnd)})"
                : $"YoY up from {Fmt.Usd(yearAgo.ColocationRevenueUsd!.Value)} ({Fmt.Date(yearAgo.PeriodEnd)})";
        var tail = status switch
        {
            SignpostStatus.Breached => $", after {(previousQoqPct is { } pq ? Fmt.SignedPct(pq) : "a fall")} the quarter before: two QoQ declines in a row",
            SignpostStatus.AtRisk => ": QoQ declined",
            SignpostStatus.Met => $": YoY at least {Fmt.SignedPct(Thresholds.MomentumYoYPct)} with QoQ not negative",
            _ => $": not negative QoQ, but not {Fmt.SignedPct(Thresholds.MomentumYoYPct)} YoY",
        };
        var explanation =
            $"Colocation revenue {Fmt.Usd(latestRev)} for the quarter ended {Fmt.Date(latest.PeriodEnd)} is {yoyText} and {qoqText} vs {Fmt.Usd(previousRev)} ({Fmt.Date(previous.PeriodEnd)}){tail}.";

        return Make(key, null, status, yoyPct, Thresholds.MomentumYoYPct, SignpostUnits.Percent,
            new()
            {
                ["latestPeriodEnd"] = latest.PeriodEnd,
                ["latestFiscalLabel"] = latest.FiscalLabel,
                ["latestRevenueUsd"] = latestRev,
                ["previousPeriodEnd"] = previous.PeriodEnd,
                ["previousRevenueUsd"] = previousRev,
                ["yearAgoPeriodEnd"] = yearAgo?.PeriodEnd,
                ["yearAgoRevenueUsd"] = yearAgo?.ColocationRevenueUsd,
                ["qoqPct"] = qoqPct,
                ["yoyPct"] = yoyPct,
                ["previousQoqPct"] = previousQoqPct,
            },
            explanation, sources);
    }

    /// <summary>
    /// The year-ago quarter of <paramref name="quarters"/>[<paramref name="index"/>] (quarters by period end): the earlier
    /// one whose period end lies closest to <see cref="SignpostThresholds.YoYWindowDays"/> before it, within
    /// ± <see cref="SignpostThresholds.YoYToleranceDays"/> (ties: the later one); -1 when none does.
    /// </summary>
    internal int YearAgoIndex(IReadOnlyList<QuarterlyFigure> quarters, int index)
    {
        var found = -1;
        var bestDistance = int.MaxValue;
        var end = quarters[index].PeriodEnd.DayNumber;
        for (var i = 0; i < index; i++)
        {
            var distance = Math.Abs(end - quarters[i].PeriodEnd.DayNumber - Thresholds.YoYWindowDays);
            if (distance <= Thresholds.YoYToleranceDays && distance <= bestDistance)
            {
                found = i;
                bestDistance = distance;
            }
        }
        return found;
    }

    /// <summary>
    /// billable_mw_target for one target. Current = billable MW of the latest quarter known by D that reports it.
    /// Required = (X − current) / days from D to T; trailing = change over the latest two quarters reporting billable MW
    /// ÷ days between their period ends (both rounded to 4 decimals, MW per day). On the deadline day itself (D = T)
    /// with current &lt; X the target is not yet missed but no run rate can reach it: at_risk.
    /// Without any reported billable MW, neither met nor missed can be shown: no_data.
    /// </summary>
    private SignpostEvaluation BillableMwTarget(AsOfView view, Target target)
    {
        var key = SignpostKeys.BillableMwTarget;
        var subject = $"{Fmt.Mw(target.TargetValue)} by {Fmt.Date(target.Deadline)}";
        var asOf = view.AsOf;

        QuarterlyFigure? latest = null, previous = null;
        for (var i = view.Quarters.Length - 1; i >= 0 && previous is null; i--)
        {
            if (view.Quarters[i].BillableMw is null) continue;
            if (latest is null) latest = view.Quarters[i];
            else previous = view.Quarters[i];
        }

        var x = target.TargetValue;
        var current = latest?.BillableMw;
        var daysLeft = target.Deadline.DayNumber - asOf.DayNumber;
        decimal? required = current is { } c0 && daysLeft > 0 ? Fmt.Round4((x - c0) / daysLeft) : null;
        decimal? trailing = null;
        if (latest is not null && previous is not null)
        {
            var span = latest.PeriodEnd.DayNumber - previous.PeriodEnd.DayNumber;
            if (span > 0) trailing = Fmt.Round4((latest.BillableMw!.Value - previous.BillableMw!.Value) / span);
        }

        SignpostStatus status;
        string why;
        if (current is { } c && c >= x)
        {
            status = SignpostStatus.Met;
            why = $"{Fmt.Mw(c)} billable (quarter ended {Fmt.Date(latest!.PeriodEnd)}) reaches the target of {subject}.";
        }
        else if (current is { } c1 && asOf > target.Deadline)
        {
            status = SignpostStatus.Missed;
            why = $"The deadline {Fmt.Date(target.Deadline)} has passed with {Fmt.Mw(c1)} billable (quarter ended {Fmt.Date(latest!.PeriodEnd)}) against the target of {Fmt.Mw(x)}.";
        }
        else if (previous is null)
        {
            status = SignpostStatus.NoData;
            why = latest is null
                ? $"No quarter reported by this date gives billable MW, so the target of {subject} cannot be tracked."
                : $"Only one quarter reports billable MW ({Fmt.Mw(latest.BillableMw!.Value)}, {Fmt.Date(latest.PeriodEnd)}), so there is no trailing run rate toward {subject}.";
        }
        else if (required is { } r && trailing is { } tr && tr >= r)
        {
            status = SignpostStatus.OnTrack;
            why = $"{Fmt.Mw(current!.Value)} billable needs {Fmt.Num(r)} MW/day over {Fmt.Days(daysLeft)} to reach {subject}, and the trailing rate is {Fmt.Num(tr)} MW/day ({Fmt.Date(previous.PeriodEnd)} to {Fmt.Date(latest!.PeriodEnd)}).";
        }
        else
        {
            status = SignpostStatus.AtRisk;
            why = required is { } r2
                ? $"{Fmt.Mw(current!.Value)} billable needs {Fmt.Num(r2)} MW/day over {Fmt.Days(daysLeft)} to reach {subject}, but the trailing rate is only {(trailing is { } t2 ? Fmt.Num(t2) : "n/a")} MW/day ({Fmt.Date(previous.PeriodEnd)} to {Fmt.Date(latest!.PeriodEnd)})."
                : $"{Fmt.Mw(current!.Value)} billable is short of {subject} on the deadline day itself.";
        }

        var sources = new SourceList().Add(target.Source).Add(latest?.Source).Add(status is SignpostStatus.OnTrack or SignpostStatus.AtRisk ? previous?.Source : null);
        return Make(key, subject, status, current, x, SignpostUnits.Mw,
            new()
            {
                ["targetMw"] = x,
                ["deadline"] = target.Deadline,
                ["announcedOn"] = target.AnnouncedOn,
                ["currentMw"] = current,
                ["currentPeriodEnd"] = latest?.PeriodEnd,
                ["previousMw"] = previous?.BillableMw,
                ["previousPeriodEnd"] = previous?.PeriodEnd,
                ["daysToDeadline"] = daysLeft,
                ["requiredMwPerDay"] = required,
                ["trailingMwPerDay"] = trailing,
            },
            why, sources);
    }

    /// <summary>
    /// contract_delivery for one contract signed (and not cancelled) by D. M = the contract's ContractedMw as stored.
    /// Delivered = MW of its tranches with an actual RFS on or before D. Scheduled = delivered + MW of undelivered
    /// tranches whose current RFS is on or before T (any current RFS when the contract has no delivery date).
    /// A contract with no tranches and a delivery date is at_risk: nothing announced delivers it.
    /// </summary>
    private SignpostEvaluation ContractDelivery(AsOfView view, ContractView cv)
    {
        var key = SignpostKeys.ContractDelivery;
        var c = cv.Contract;
        var m = c.ContractedMw;
        var deadline = c.FullDeliveryBy;
        decimal delivered = 0m, scheduledUndelivered = 0m;
        var undelivered = 0;
        var late = new List<string>();
        var sources = new SourceList().Add(c.Source);
        foreach (var t in cv.Tranches)
        {
            if (t.Delivered)
            {
                delivered += t.Mw;
                sources.Add(t.Tranche.Source);
                continue;
            }
            undelivered++;
            if (t.Current is { } cur && (deadline is null || cur <= deadline.Value))
            {
                scheduledUndelivered += t.Mw;
                sources.Add(t.CurrentSource);
            }
            if (t.Severity >= SlipSeverity.Major) late.Add(t.Code);
        }
        var scheduled = delivered + scheduledUndelivered;

        var byText = deadline is { } d0 ? $" by {Fmt.Date(d0)}" : " (no delivery date)";
        var head = $"Contract {c.Code} ({c.Customer}) commits {Fmt.Mw(m)}{byText}";
        SignpostStatus status;
        string why;
        if (delivered >= m)
        {
            status = SignpostStatus.Met;
            why = $"{head} and {Fmt.Mw(delivered)} is delivered.";
        }
        else if (deadline is { } d1 && view.AsOf > d1)
        {
            status = SignpostStatus.Missed;
            why = $"{head}; the date has passed with only {Fmt.Mw(delivered)} delivered.";
        }
        else if ((deadline is null || scheduled >= m) && late.Count == 0)
        {
            status = SignpostStatus.OnTrack;
            why = deadline is null
                ? $"{head}; {Fmt.Mw(delivered)} delivered and none of its {undelivered} undelivered tranches is major or critical."
                : $"{head}; {Fmt.Mw(delivered)} delivered and {Fmt.Mw(scheduled)} scheduled by then, with no undelivered tranche major or critical.";
        }
        else
        {
            status = SignpostStatus.AtRisk;
            var lateText = late.Count > 0 ? $"; late tranches (major or critical): {string.Join(", ", late)}" : "";
            why = deadline is null
                ? $"{head}; {Fmt.Mw(delivered)} delivered{lateText}."
                : $"{head}; only {Fmt.Mw(scheduled)} is delivered ({Fmt.Mw(delivered)}) or scheduled by then{lateText}.";
        }

        return Make(key, c.Code, status, delivered, m, SignpostUnits.Mw,
            new()
            {
                ["customer"] = c.Customer,
                ["contractedMw"] = m,
                ["deliveredMw"] = delivered,
                ["scheduledMw"] = scheduled,
                ["fullDeliveryBy"] = deadline,
                ["trancheCount"] = cv.Tranches.Count,
                ["undeliveredTrancheCount"] = undelivered,
                ["majorOrCriticalTranches"] = late.ToArray(),
            },
            why, sources);
    }

    /// <summary>
    /// revenue_visibility. Value = Σ annualized revenue ÷ Σ contracted MW over the active contracts (signed by D, not
    /// cancelled) that report annualized revenue; contracts without it are not estimated from total value and term.
    /// Ratios use the latest quarter known by D that reports each figure; contracted MW comes from the quarterly
    /// figures when reported (the company's own total), else from the sum of the active contracts.
    /// Status: ok when an active contract exists, else no_data.
    /// </summary>
    private SignpostEvaluation RevenueVisibility(AsOfView view)
    {
        var key = SignpostKeys.RevenueVisibility;
        var activeCount = 0;
        var contractsMw = 0m;
        foreach (var cv in view.Contracts)
        {
            if (cv.Cancelled) continue;
            activeCount++;
            contractsMw += cv.Contract.ContractedMw;
        }

        var sources = new SourceList();
        foreach (var s in view.AnnualizedRevenueSources) sources.Add(s);
        decimal? perMwYear = view.AnnualizedRevenuePerContractedMw is { } rate ? Fmt.Round2(rate) : null;

        var contractedQ = LatestWith(view.Quarters, x => x.ContractedMw);
        var billableQ = LatestWith(view.Quarters, x => x.BillableMw);
        var pipelineQ = LatestWith(view.Quarters, x => x.GrossPipelineMw);
        decimal? contracted = contractedQ?.ContractedMw ?? (activeCount > 0 ? contractsMw : null);
        var contractedBasis = contractedQ is not null ? "quarterly" : activeCount > 0 ? "contracts" : null;
        var billable = billableQ?.BillableMw;
        var pipeline = pipelineQ?.GrossPipelineMw;
        decimal? billableToContracted = billable is { } b && contracted is { } c1 && c1 > 0m && Fmt.Quotient(b, c1) is { } bc ? Fmt.Round4(bc) : null;
        decimal? contractedToPipeline = contracted is { } c2 && pipeline is { } p && p > 0m && Fmt.Quotient(c2, p) is { } cp ? Fmt.Round4(cp) : null;
        if (contractedQ is not null) sources.Add(contractedQ.Source);
        if (billableToContracted is not null) sources.Add(billableQ!.Source);
        if (contractedToPipeline is not null) sources.Add(pipelineQ!.Source);

        var ratios = new List<string>();
        if (billableToContracted is { } r1) ratios.Add($"billable/contracted {Fmt.Num(r1)} ({Fmt.Mw(billable!.Value)} of {Fmt.Mw(contracted!.Value)})");
        if (contractedToPipeline is { } r2) ratios.Add($"contracted/pipeline {Fmt.Num(r2)} ({Fmt.Mw(contracted!.Value)} of {Fmt.Mw(pipeline!.Value)} gross)");
        var ratioText = ratios.Count > 0 ? "; " + string.Join(", ", ratios) : "";

        SignpostStatus status;
        string why;
        if (activeCount == 0)
        {
            status = SignpostStatus.NoData;
            why = $"No colocation contract is signed and active by this date{ratioText}.";
        }
        else
        {
            status = SignpostStatus.Ok;
            why = perMwYear is { } v
                ? $"{Fmt.Usd(view.AnnualizedRevenueUsd)} annualized colocation revenue over {Fmt.Mw(view.AnnualizedRevenueMw)} contracted is {Fmt.Usd(v)} per MW-year{ratioText}."
                : $"{activeCount} active contract(s) but none reports annualized revenue{ratioText}.";
        }

        return Make(key, null, status, perMwYear, null, SignpostUnits.UsdPerMwYear,
            new()
            {
                ["activeContractCount"] = activeCount,
                ["annualizedRevenueUsd"] = perMwYear is null ? null : view.AnnualizedRevenueUsd,
                ["annualizedRevenueMw"] = perMwYear is null ? null : view.AnnualizedRevenueMw,
                ["contractedMw"] = contracted,
                ["contractedMwBasis"] = contractedBasis,
                ["billableMw"] = billable,
                ["grossPipelineMw"] = pipeline,
                ["billableToContracted"] = billableToContracted,
                ["contractedToPipeline"] = contractedToPipeline,
            },
            why, sources);
    }

    /// <summary>
    /// speed_to_cash. For each known, non-cancelled tranche: months from the day AI work on it could start to its actual
    /// RFS by D (else its current RFS), a month being 30.4375 days. The start is the later of its site's acquisition
    /// (when on or before D) and its contract's signing (when signed by D); with only one of them, that one; with
    /// neither, the tranche does not count. The company figure is the plain median over tranches (not MW-weighted;
    /// mean of the middle two when even), rounded to 2 decimals, and decides the status.
    /// </summary>
    private SignpostEvaluation SpeedToCash(AsOfView view)
    {
        var key = SignpostKeys.SpeedToCash;
        var days = new List<int>(view.Tranches.Length);
        var sources = new SourceList();
        foreach (var t in view.Tranches)
        {
            if (AiWorkStart(t, view.AsOf) is not { } start) continue;
            var rfs = t.Actual ?? t.Current;
            if (rfs is null) continue;
            days.Add(rfs.Value.DayNumber - start.DayNumber);
            sources.Add(t.Actual is not null ? t.Tranche.Source : t.CurrentSource);
        }
        if (days.Count == 0)
        {
            return Make(key, null, SignpostStatus.NoData, null, Thresholds.SpeedToCashMetMonths, SignpostUnits.Months,
                new() { ["trancheCount"] = 0 },
                "No tranche has an RFS date and a start (a site acquisition or a signed contract), so speed to cash cannot be measured.",
                sources);
        }
        days.Sort();
        var n = days.Count;
        var medianDays = n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2m;
        var months = Fmt.Round2(medianDays / Fmt.DaysPerMonth);
        var fastest = Fmt.Round2(days[0] / Fmt.DaysPerMonth);
        var slowest = Fmt.Round2(days[^1] / Fmt.DaysPerMonth);

        var status = months <= Thresholds.SpeedToCashMetMonths ? SignpostStatus.Met
            : months <= Thresholds.SpeedToCashAtRiskMonths ? SignpostStatus.AtRisk
            : SignpostStatus.Missed;
        var verdictText = status switch
        {
            SignpostStatus.Met => $"within {Fmt.Num(Thresholds.SpeedToCashMetMonths)} months",
            SignpostStatus.AtRisk => $"above {Fmt.Num(Thresholds.SpeedToCashMetMonths)} but within {Fmt.Num(Thresholds.SpeedToCashAtRiskMonths)} months",
            _ => $"above {Fmt.Num(Thresholds.SpeedToCashAtRiskMonths)} months",
        };
        return Make(key, null, status, months, Thresholds.SpeedToCashMetMonths, SignpostUnits.Months,
            new()
            {
                ["trancheCount"] = n,
                ["medianDays"] = medianDays,
                ["medianMonths"] = months,
                ["fastestMonths"] = fastest,
                ["slowestMonths"] = slowest,
            },
            $"The median time from the start of AI work (the later of site acquisition and contract signing) to RFS over {n} tranche(s) is {Fmt.Num(months)} months (from {Fmt.Num(fastest)} to {Fmt.Num(slowest)}), {verdictText}.",
            sources);
    }

    /// <summary>The later of the site's acquisition and the contract's signing, each counted only when known by D.</summary>
    internal static DateOnly? AiWorkStart(TrancheView t, DateOnly asOf)
    {
        DateOnly? acquired = t.SiteAcquiredOn is { } a && a <= asOf ? a : null;
        DateOnly? signed = t.Contract?.SignedOn;
        return (acquired, signed) switch
        {
            ({ } x, { } y) => x > y ? x : y,
            ({ } x, null) => x,
            (null, { } y) => y,
            _ => null,
        };
    }
}

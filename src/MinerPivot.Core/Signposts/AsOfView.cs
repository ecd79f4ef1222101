using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Signposts;

/// <summary>A tranche as known at the as-of date, with its RFS dates, slip and severity.</summary>
internal sealed class TrancheView
{
    public required Tranche Tranche { get; init; }
    public required string SiteName { get; init; }
    public DateOnly? SiteAcquiredOn { get; init; }
    /// <summary>Its contract, only when signed by the as-of date.</summary>
    public Contract? Contract { get; init; }
    public DateOnly? Baseline { get; init; }
    public DateOnly? Current { get; init; }
    public DateOnly? Actual { get; init; }
    public int? SlipDays { get; init; }
    public bool Overdue { get; init; }
    public int DaysOverdue { get; init; }
    public SlipSeverity Severity { get; init; }
    public decimal? RevenueAtRiskUsd { get; init; }
    public RfsRevision? BaselineRevision { get; init; }
    public RfsRevision? CurrentRevision { get; init; }
    public string? BaselineSource => BaselineRevision?.Source;
    public string? CurrentSource => CurrentRevision?.Source;

    public decimal Mw => Tranche.CriticalItMw;
    public string Code => Tranche.Code;
    public bool Delivered => Actual is not null;
    public bool HasRfsDate => Baseline is not null || Current is not null || Actual is not null;
}

/// <summary>A contract signed by the as-of date.</summary>
internal sealed class ContractView
{
    public required Contract Contract { get; init; }
    /// <summary>It has a <see cref="ContractEventKind.Cancelled"/> event dated on or before the as-of date.</summary>
    public bool Cancelled { get; init; }
    public List<TrancheView> Tranches { get; } = [];
}

/// <summary>
/// One company's facts filtered to those known at the as-of date D and sorted once, by intrinsic keys only,
/// so that the input order and anything dated after D cannot change the result.
/// </summary>
internal sealed class AsOfView
{
    public required DateOnly AsOf { get; init; }
    /// <summary>Quarters reported on or before D, by period end.</summary>
    public required QuarterlyFigure[] Quarters { get; init; }
    /// <summary>Contracts signed on or before D (cancelled ones included), by code.</summary>
    public required ContractView[] Contracts { get; init; }
    /// <summary>Billable-MW targets announced on or before D, by deadline.</summary>
    public required Target[] Targets { get; init; }
    /// <summary>Known, non-cancelled tranches, by site name then code.</summary>
    public required TrancheView[] Tranches { get; init; }
    /// <summary>Known tranches with the cancelled ones (which count nowhere but are listed), by site name then code.</summary>
    public required TrancheView[] ListedTranches { get; init; }
    /// <summary>Σ annualized revenue ÷ Σ contracted MW over the active contracts that report annualized revenue.</summary>
    public decimal? AnnualizedRevenuePerContractedMw { get; init; }
    public decimal AnnualizedRevenueUsd { get; init; }
    public decimal AnnualizedRevenueMw { get; init; }
    public required List<string> AnnualizedRevenueSources { get; init; }

    public IEnumerable<ContractView> ActiveContracts => Contracts.Where(c => !c.Cancelled);

    /// <summary>
    /// Filters <paramref name="facts"/> to what is known at <paramref name="asOf"/>.
    /// <para>A tranche is known at D when (a) at least one of its RFS revisions was announced on or before D, or
    /// (b) its actual RFS is on or before D (a delivery is a fact dated by its actual RFS), or (c) it has no revisions
    /// at all and its contract was signed on or before D. Rule (c) means a tranche entered without dates appears from
    /// its contract's signing; once its first revision is entered, it appears from that announcement instead. A
    /// known tranche without a known RFS date only shows in the tranche list; it changes no signpost.</para>
    /// <para>Cancelled tranches (status Cancelled) are left out of everything. A contract is cancelled at D when it
    /// has a Cancelled event dated on or before D; cancelled contracts leave contract_delivery, revenue_visibility
    /// and the revenue-at-risk rate, and still count in demand_integrity.</para>
    /// <para>When two revisions of a tranche carry the same announced-on date, the baseline takes the earlier RFS
    /// date and the current the later one (the conservative reading).</para>
    /// </summary>
    public static AsOfView Build(CompanyFacts facts, DateOnly asOf, SignpostThresholds thresholds)
    {
        // Quarters known by D, sorted by period end.
        var quarters = new List<QuarterlyFigure>(facts.Quarters.Count);
        foreach (var q in facts.Quarters)
        {
            if (q.ReportedOn <= asOf) quarters.Add(q);
        }
        quarters.Sort(static (a, b) =>
        {
            var c = a.PeriodEnd.CompareTo(b.PeriodEnd);
            if (c != 0) return c;
            c = a.ReportedOn.CompareTo(b.ReportedOn);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        });

        // Contracts: all by id (to place tranches), known ones as views.
        var allContractsById = new Dictionary<int, Contract>(facts.Contracts.Count);
        var contractViews = new List<ContractView>(facts.Contracts.Count);
        var viewByContract = new Dictionary<Contract, ContractView>(facts.Contracts.Count, ReferenceEqualityComparer.Instance);
        foreach (var c in facts.Contracts)
        {
            allContractsById.TryAdd(c.Id, c);
            if (c.SignedOn > asOf) continue;
            var cancelled = false;
            foreach (var e in c.Events)
            {
                if (e.Kind == ContractEventKind.Cancelled && e.EventOn <= asOf)
                {
                    cancelled = true;
                    break;
                }
            }
            var view = new ContractView { Contract = c, Cancelled = cancelled };
            contractViews.Add(view);
            viewByContract[c] = view;
        }
        contractViews.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Contract.Code, b.Contract.Code);
            return c != 0 ? c : a.Contract.Id.CompareTo(b.Contract.Id);
        });

        // The company's annualized colocation revenue per contracted MW.
        decimal annualized = 0m, annualizedMw = 0m;
        var annualizedSources = new List<string>();
        foreach (var v in contractViews)
        {
            if (v.Cancelled || v.Contract.AnnualizedRevenueUsd is not { } revenue) continue;
            annualized += revenue;
            annualizedMw += v.Contract.ContractedMw;
            annualizedSources.Add(v.Contract.Source);
        }
        decimal? ratePerMw = annualizedMw > 0m ? Fmt.Quotient(annualized, annualizedMw) : null;

        // Targets announced by D.
        var targets = new List<Target>(facts.Targets.Count);
        foreach (var t in facts.Targets)
        {
            if (t.Kind == TargetKind.BillableMw && t.AnnouncedOn <= asOf) targets.Add(t);
        }
        targets.Sort(static (a, b) =>
        {
            var c = a.Deadline.CompareTo(b.Deadline);
            if (c != 0) return c;
            c = a.TargetValue.CompareTo(b.TargetValue);
            return c != 0 ? c : a.AnnouncedOn.CompareTo(b.AnnouncedOn);
        });

        // Sites by id.
        var sitesById = new Dictionary<int, Site>(facts.Sites.Count);
        foreach (var s in facts.Sites) sitesById.TryAdd(s.Id, s);

        var listed = new List<TrancheView>(facts.Tranches.Count);
        foreach (var t in facts.Tranches)
        {
            var view = BuildTranche(t, asOf, thresholds, allContractsById, sitesById, ratePerMw);
            if (view is null) continue;
            listed.Add(view);
            if (t.Status == TrancheStatus.Cancelled) continue;
            if (view.Contract is not null && viewByContract.TryGetValue(view.Contract, out var cv)) cv.Tranches.Add(view);
        }
        listed.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.SiteName, b.SiteName);
            return c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
        });
        var tranches = listed.Count == 0 ? listed : listed.FindAll(static t => t.Tranche.Status != TrancheStatus.Cancelled);
        foreach (var cv in contractViews)
        {
            cv.Tranches.Sort(static (a, b) => string.CompareOrdinal(a.Code, b.Code));
        }

        return new AsOfView
        {
            AsOf = asOf,
            Quarters = [.. quarters],
            Contracts = [.. contractViews],
            Targets = [.. targets],
            Tranches = [.. tranches],
            ListedTranches = [.. listed],
            AnnualizedRevenuePerContractedMw = ratePerMw,
            AnnualizedRevenueUsd = annualized,
            AnnualizedRevenueMw = annualizedMw,
            AnnualizedRevenueSources = annualizedSources,
        };
    }

    private static TrancheView? BuildTranche(
        Tranche t, DateOnly asOf, SignpostThresholds thresholds,
        Dictionary<int, Contract> contractsById, Dictionary<int, Site> sitesById, decimal? ratePerMw)
    {
        var (baseline, current) = RfsRevisionRules.BaselineAndCurrent(t.Revisions, asOf);

        DateOnly? actual = t.ActualRfs is { } a && a <= asOf ? a : null;
        var contract = (t.ContractId is { } cid ? contractsById.GetValueOrDefault(cid) : null) ?? t.Contract;
        var contractSigned = contract is not null && contract.SignedOn <= asOf;
        var known = baseline is not null || actual is not null || (t.Revisions.Count == 0 && contractSigned);
        if (!known) return null;

        int? slip = null;
        if (baseline is not null)
        {
            slip = actual is { } done
                ? done.DayNumber - baseline.RfsDate.DayNumber
                : current!.RfsDate.DayNumber - baseline.RfsDate.DayNumber;
        }
        var overdue = actual is null && current is not null && asOf > current.RfsDate;
        var severity = overdue ? SlipSeverity.Critical : SeverityOf(slip, thresholds);

        // Null when the product passes the ceiling: only implausible rows (stored before the import bounds) get there.
        decimal? revenueAtRisk = slip is { } s && ratePerMw is { } rate
            && Fmt.Product(t.CriticalItMw, rate) is { } perYear && Fmt.Product(perYear, Math.Max(s, 0)) is { } total
            ? Fmt.Round2(total / 365m)
            : null;

        var site = sitesById.GetValueOrDefault(t.SiteId) ?? t.Site;
        return new TrancheView
        {
            Tranche = t,
            SiteName = site?.Name ?? "",
            SiteAcquiredOn = site?.AcquiredOn,
            Contract = contractSigned ? contract : null,
            Baseline = baseline?.RfsDate,
            Current = current?.RfsDate,
            Actual = actual,
            SlipDays = slip,
            Overdue = overdue,
            DaysOverdue = overdue ? asOf.DayNumber - current!.RfsDate.DayNumber : 0,
            Severity = severity,
            RevenueAtRiskUsd = revenueAtRisk,
            BaselineRevision = baseline,
            CurrentRevision = current,
        };
    }

    /// <summary>none for slip ≤ 0 (or unknown), minor for 1..MinorSlipMaxDays, major up to MajorSlipMaxDays, critical above.</summary>
    internal static SlipSeverity SeverityOf(int? slipDays, SignpostThresholds thresholds) => slipDays switch
    {
        null => SlipSeverity.None,
        <= 0 => SlipSeverity.None,
        var s when s <= thresholds.MinorSlipMaxDays => SlipSeverity.Minor,
        var s when s <= thresholds.MajorSlipMaxDays => SlipSeverity.Major,
        _ => SlipSeverity.Critical,
    };
}

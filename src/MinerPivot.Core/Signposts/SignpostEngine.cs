using System.Reflection;
using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Signposts;

/// <summary>
/// Evaluates the signposts of PRODUCT.md ("Signposts") and the verdict for a company as of a date D, using only facts
/// known by D (see <see cref="AsOfView.Build"/> for the as-of rules). Pure and deterministic: the same facts and D
/// always give the same answer, whatever the input order and whatever was added with a date after D.
/// Stateless apart from its thresholds, so one instance may be shared across threads.
/// </summary>
/// <remarks>
/// Conventions: a month is 30.4375 days (365.25 / 12); percentages are rounded to 2 decimals and the status is
/// decided on the rounded figure; run rates (MW per day) are rounded to 4 decimals and compared rounded.
/// </remarks>
public partial class SignpostEngine
{
    private readonly bool _rulesReplaced;

    public SignpostEngine(SignpostThresholds? thresholds = null)
    {
        Thresholds = thresholds ?? new SignpostThresholds();
        Rules = new SignpostRuleBook(Thresholds);
        // A subclass that replaces the rules (tests inject failures so) is honoured by Snapshot too.
        _rulesReplaced = GetType().GetMethod(nameof(EvaluateUnguarded), BindingFlags.Instance | BindingFlags.NonPublic)!.DeclaringType
            != typeof(SignpostEngine);
    }

    public SignpostThresholds Thresholds { get; }

    /// <summary>The rule texts, built from <see cref="Thresholds"/>.</summary>
    public SignpostRuleBook Rules { get; }

    /// <summary>
    /// The whole picture of <paramref name="company"/> as of <paramref name="asOf"/>: the evaluation of
    /// <see cref="Evaluate"/> with the filtered facts and every figure derived from them (see <see cref="CompanySnapshot"/>).
    /// Like <see cref="Evaluate"/>, it never throws for bad facts: the evaluation then has verdict error and the reason.
    /// </summary>
    public CompanySnapshot Snapshot(CompanyFacts company, MarketFacts market, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(market);
        AsOfView view;
        try
        {
            view = AsOfView.Build(company, asOf, Thresholds);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return CompanySnapshot.Failed(this, company, market, CompanyEvaluation.Failed(company.Company.Ticker, asOf, e));
        }
        CompanyEvaluation evaluation;
        try
        {
            evaluation = _rulesReplaced ? EvaluateUnguarded(company, market, asOf) : EvaluateView(company, view, market);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            evaluation = CompanyEvaluation.Failed(company.Company.Ticker, asOf, e);
        }
        try
        {
            return CompanySnapshot.Build(this, company, view, market, evaluation);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return CompanySnapshot.Failed(this, company, market, CompanyEvaluation.Failed(company.Company.Ticker, asOf, e));
        }
    }

    /// <summary>Evaluates every signpost and the verdict of <paramref name="company"/> as of <paramref name="asOf"/>.</summary>
    /// <remarks>
    /// Facts known at D: quarters reported on or before D; contracts signed on or before D; contract events, targets
    /// (by announced-on), BTC closes and indicator values dated on or before D; RFS revisions announced on or before D
    /// (the first announced is the baseline, the latest the current RFS); a tranche is delivered at D only if its
    /// actual RFS is on or before D.
    /// A tranche is known at D when at least one of its revisions was announced by D, or its actual RFS is on or
    /// before D, or — having no revisions at all — its contract was signed by D. (A known tranche with no known RFS date
    /// only shows in <see cref="CompanyEvaluation.Tranches"/>; it moves no signpost.) Tranches with status Cancelled
    /// are left out of everything; a contract with a Cancelled event by D leaves contract_delivery, revenue_visibility
    /// and the revenue-at-risk rate. Sites are not dated, except that speed_to_cash ignores sites acquired after D.
    /// </remarks>
    public CompanyEvaluation Evaluate(CompanyFacts company, MarketFacts market, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(market);
        try
        {
            return EvaluateUnguarded(company, market, asOf);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // One company's facts must never break the others' evaluation: it is reported as failed, with the reason.
            return CompanyEvaluation.Failed(company.Company.Ticker, asOf, e);
        }
    }

    /// <summary>The rules themselves; <see cref="Evaluate"/> turns anything they throw into a failed evaluation.</summary>
    protected virtual CompanyEvaluation EvaluateUnguarded(CompanyFacts company, MarketFacts market, DateOnly asOf) =>
        EvaluateView(company, AsOfView.Build(company, asOf, Thresholds), market);

    private CompanyEvaluation EvaluateView(CompanyFacts company, AsOfView view, MarketFacts market)
    {
        var asOf = view.AsOf;
        var signposts = new List<SignpostEvaluation>(8 + view.Targets.Length + view.Contracts.Length)
        {
            ColocationMomentum(view),
        };
        foreach (var target in view.Targets) signposts.Add(BillableMwTarget(view, target));
        foreach (var contract in view.Contracts)
        {
            if (!contract.Cancelled) signposts.Add(ContractDelivery(view, contract));
        }
        signposts.Add(RfsSlippage(view));
        signposts.Add(MiningMargin(view, market));
        signposts.Add(RevenueVisibility(view));
        signposts.Add(SpeedToCash(view));
        signposts.Add(DemandIntegrity(view, market));

        var (verdict, why) = DecideVerdict(signposts);

        var slips = new TrancheSlip[view.Tranches.Length];
        for (var i = 0; i < slips.Length; i++)
        {
            var t = view.Tranches[i];
            slips[i] = new TrancheSlip(t.SiteName, t.Code, t.Contract?.Code, t.Mw, t.Baseline, t.Current, t.Actual,
                t.SlipDays, t.Overdue, t.Severity, t.RevenueAtRiskUsd)
            {
                DaysOverdue = t.DaysOverdue,
            };
        }

        return new CompanyEvaluation(company.Company.Ticker, asOf, verdict, signposts.ToArray(), slips)
        {
            VerdictExplanation = why,
        };
    }

    /// <summary>Evaluates several companies against the same market facts and date, in input order.</summary>
    public IReadOnlyList<CompanyEvaluation> EvaluateAll(IEnumerable<CompanyFacts> companies, MarketFacts market, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(companies);
        var results = new List<CompanyEvaluation>();
        foreach (var c in companies) results.Add(Evaluate(c, market, asOf));
        return results;
    }

    /// <summary>
    /// The verdict, first match wins (PRODUCT.md "Verdict"). Execution failures are counted per evaluation: rfs_slippage
    /// breached, colocation_momentum at_risk or breached, each billable_mw_target or contract_delivery that is missed
    /// (two missed contracts are two failures), demand_integrity breached.
    /// </summary>
    internal static (Verdict Verdict, string Explanation) DecideVerdict(IReadOnlyList<SignpostEvaluation> signposts)
    {
        var failures = new List<string>();
        var validationAtRisk = new List<string>();
        var marginBreached = false;
        SignpostStatus? momentum = null;
        foreach (var s in signposts)
        {
            var title = SignpostKeys.TitleOf(s.Key);
            var label = s.Subject is null ? $"{title} {s.Status.ToWire()}" : $"{title} {s.Status.ToWire()} ({s.Subject})";
            var failure = s.Key switch
            {
                SignpostKeys.RfsSlippage => s.Status == SignpostStatus.Breached,
                SignpostKeys.ColocationMomentum => s.Status is SignpostStatus.AtRisk or SignpostStatus.Breached,
                SignpostKeys.BillableMwTarget or SignpostKeys.ContractDelivery => s.Status == SignpostStatus.Missed,
                SignpostKeys.DemandIntegrity => s.Status == SignpostStatus.Breached,
                _ => false,
            };
            if (failure) failures.Add(label);
            if (s.Kind == SignpostKind.Validation && s.Status == SignpostStatus.AtRisk) validationAtRisk.Add(label);
            if (s.Key == SignpostKeys.MiningMargin && s.Status == SignpostStatus.Breached) marginBreached = true;
            if (s.Key == SignpostKeys.ColocationMomentum) momentum = s.Status;
        }

        var failureText = string.Join(", ", failures);
        if (marginBreached && failures.Count >= 1)
        {
            return (Verdict.RevertingToMiner, $"Mining margin is breached and execution failed: {failureText}.");
        }
        if (failures.Count >= 2)
        {
            return (Verdict.RevertingToMiner, $"{failures.Count} execution failures: {failureText}.");
        }
        if (failures.Count == 1)
        {
            return (Verdict.Watch, $"One execution failure: {failureText}.");
        }
        if (validationAtRisk.Count > 0)
        {
            return (Verdict.Watch, $"No execution failure, but validation signposts are at risk: {string.Join(", ", validationAtRisk)}.");
        }
        if (momentum is SignpostStatus.Met or SignpostStatus.OnTrack)
        {
            return (Verdict.ReratingSupported,
                $"No execution failure and colocation momentum is {momentum.Value.ToWire()}, so colocation revenue shows up in reported numbers.");
        }
        return (Verdict.InsufficientData,
            $"No execution failure, but colocation momentum is {(momentum ?? SignpostStatus.NoData).ToWire()}, so reported numbers do not yet support the re-rating.");
    }

    private static SignpostEvaluation Make(string key, string? subject, SignpostStatus status, decimal? value, decimal? target,
        string unit, Dictionary<string, object?> details, string explanation, SourceList sources) =>
        new(key, SignpostKeys.KindOf(key), subject, status, value, target, unit, details.AsReadOnly(), explanation)
        {
            Sources = sources.ToList(),
        };

    private static QuarterlyFigure? LatestWith(QuarterlyFigure[] quarters, Func<QuarterlyFigure, decimal?> field)
    {
        for (var i = quarters.Length - 1; i >= 0; i--)
        {
            if (field(quarters[i]) is not null) return quarters[i];
        }
        return null;
    }
}

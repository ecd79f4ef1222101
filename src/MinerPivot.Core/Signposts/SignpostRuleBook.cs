namespace MinerPivot.Core.Signposts;

/// <summary>A signpost's title and its rule in a sentence or two, with the configured numbers.</summary>
public sealed record SignpostRule(string Key, string Title, string Rule);

/// <summary>
/// The rule texts shown beside the signposts (tooltips on the board, the company page and the peers page), built from
/// the thresholds the engine evaluates with, so a changed setting changes the text that explains it.
/// </summary>
public sealed class SignpostRuleBook
{
    public SignpostRuleBook(SignpostThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var t = thresholds;
        var rules = new Dictionary<string, string>
        {
            [SignpostKeys.ColocationMomentum] =
                $"Latest quarter's colocation revenue vs the previous quarter (QoQ) and the year-ago quarter (YoY). Met if YoY ≥ {Fmt.SignedPct(t.MomentumYoYPct)} and QoQ ≥ 0; at risk if QoQ < 0; breached if the last two QoQ changes are both negative; no data without two quarters.",
            [SignpostKeys.BillableMwTarget] =
                "Target \"X billable MW by date T\". Met if current billable MW ≥ X; missed if T has passed short of X; on track if the trailing run-rate (last two quarters) ≥ the required run-rate; else at risk.",
            [SignpostKeys.ContractDelivery] =
                "Contract \"M MW fully delivered by T\". Met if delivered MW ≥ M; missed if T has passed short of M; on track if delivered + tranches due by T reach M and none of them slipped major or critical; else at risk.",
            [SignpostKeys.RfsSlippage] =
                $"Slip days = current RFS − baseline RFS per tranche (minor 1–{t.MinorSlipMaxDays}, major {t.MinorSlipMaxDays + 1}–{t.MajorSlipMaxDays}, critical > {t.MajorSlipMaxDays} or overdue). Breached if an undelivered tranche is major or critical, at risk if one is minor, else ok. Value: MW-weighted mean slip days.",
            [SignpostKeys.MiningMargin] =
                $"(BTC price − cash cost per BTC) / BTC price, with the company's latest cash cost (quarter ended within {t.CompanyCostMaxAgeDays} days) else the public-miner average. Ok if ≥ {Fmt.Pct(t.MarginOkPct)}, at risk if 0–{Fmt.Pct(t.MarginOkPct)}, breached if < 0.",
            [SignpostKeys.RevenueVisibility] =
                "Annualized contracted colocation revenue per contracted MW (USD per MW-year), with billable/contracted and contracted/pipeline ratios. Ok when contracts exist, else no data.",
            [SignpostKeys.SpeedToCash] =
                $"Months from the start of AI work on each tranche (the later of its site's acquisition and its contract's signing) to its actual (else current) RFS. Met if the company median ≤ {Fmt.Num(t.SpeedToCashMetMonths)} months, at risk if ≤ {Fmt.Num(t.SpeedToCashAtRiskMonths)}, else missed.",
            [SignpostKeys.DemandIntegrity] =
                $"Breached if a contract was cancelled or downsized in the last {t.DemandLookbackDays} days or a configured indicator rule fires (e.g. memory prices, hyperscaler capex, the miners ETF), else ok.",
        };
        ByKey = SignpostKeys.All.ToDictionary(k => k, k => new SignpostRule(k, SignpostKeys.TitleOf(k), rules[k])).AsReadOnly();
    }

    /// <summary>Every signpost's rule, keyed by <see cref="SignpostKeys"/>.</summary>
    public IReadOnlyDictionary<string, SignpostRule> ByKey { get; }

    /// <summary>The rule of <paramref name="key"/>, or "" for an unknown key.</summary>
    public string RuleOf(string key) => ByKey.TryGetValue(key, out var rule) ? rule.Rule : "";

    /// <summary>How the verdict is decided (PRODUCT.md, "Verdict"), naming the signposts by their titles.</summary>
    public string VerdictRule { get; } =
        $"Execution failures: {SignpostKeys.TitleOf(SignpostKeys.RfsSlippage)} breached, {Lower(SignpostKeys.ColocationMomentum)} at risk or breached, a {Lower(SignpostKeys.BillableMwTarget)} or {Lower(SignpostKeys.ContractDelivery)} missed, {Lower(SignpostKeys.DemandIntegrity)} breached. Reverting to miner: {Lower(SignpostKeys.MiningMargin)} breached with an execution failure, or two or more failures; watch: one failure or a validation signpost at risk; re-rating supported: {Lower(SignpostKeys.ColocationMomentum)} met or on track; else insufficient data.";

    private static string Lower(string key)
    {
        var title = SignpostKeys.TitleOf(key);
        return char.ToLowerInvariant(title[0]) + title[1..];
    }
}

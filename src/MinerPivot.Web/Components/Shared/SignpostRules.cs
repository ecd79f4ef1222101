using MinerPivot.Core.Signposts;

namespace MinerPivot.Web.Components.Shared;

/// <summary>A signpost's display name and its rule in one sentence or two (from PRODUCT.md, "Signposts").</summary>
public sealed record SignpostRule(string Title, string Rule);

/// <summary>The rule texts shown as tooltips on signpost names, in one place, keyed by <see cref="SignpostKeys"/>.</summary>
public static class SignpostRules
{
    public static IReadOnlyDictionary<string, SignpostRule> ByKey { get; } = new Dictionary<string, SignpostRule>
    {
        [SignpostKeys.ColocationMomentum] = new("Colocation momentum",
            "Latest quarter's colocation revenue vs the previous quarter (QoQ) and the year-ago quarter (YoY). Met if YoY ≥ +50% and QoQ ≥ 0; at risk if QoQ < 0; breached if the last two QoQ changes are both negative; no data without two quarters."),
        [SignpostKeys.BillableMwTarget] = new("Billable MW target",
            "Target \"X billable MW by date T\". Met if current billable MW ≥ X; missed if T has passed short of X; on track if the trailing run-rate (last two quarters) ≥ the required run-rate; else at risk."),
        [SignpostKeys.ContractDelivery] = new("Contract delivery",
            "Contract \"M MW fully delivered by T\". Met if delivered MW ≥ M; missed if T has passed short of M; on track if delivered + tranches due by T reach M and none of them slipped major or critical; else at risk."),
        [SignpostKeys.RfsSlippage] = new("RFS slippage",
            "Slip days = current RFS − baseline RFS per tranche (minor 1–30, major 31–90, critical > 90 or overdue). Breached if an undelivered tranche is major or critical, at risk if one is minor, else ok. Value: MW-weighted mean slip days."),
        [SignpostKeys.MiningMargin] = new("Mining margin",
            "(BTC price − cash cost per BTC) / BTC price, with the company's latest cash cost (quarter ended within 200 days) else the public-miner average. Ok if ≥ 25%, at risk if 0–25%, breached if < 0."),
        [SignpostKeys.RevenueVisibility] = new("Revenue visibility",
            "Annualized contracted colocation revenue per contracted MW (USD per MW-year), with billable/contracted and contracted/pipeline ratios. Ok when contracts exist, else no data."),
        [SignpostKeys.SpeedToCash] = new("Speed to cash",
            "Months from the start of AI work on each tranche (the later of its site's acquisition and its contract's signing) to its actual (else current) RFS. Met if the company median ≤ 14 months, at risk if ≤ 18, else missed."),
        [SignpostKeys.DemandIntegrity] = new("Demand integrity",
            "Breached if a contract was cancelled or downsized in the last 180 days or a configured indicator rule fires (e.g. memory prices, hyperscaler capex, the miners ETF), else ok."),
    };

    public static string TitleOf(string key) => ByKey.TryGetValue(key, out var rule) ? rule.Title : key;

    public static string RuleOf(string key) => ByKey.TryGetValue(key, out var rule) ? rule.Rule : "";

    /// <summary>How the verdict is decided (PRODUCT.md, "Verdict").</summary>
    public const string VerdictRule =
        "Execution failures: RFS slippage breached, colocation momentum at risk or breached, a billable MW target or contract delivery missed, demand integrity breached. Reverting to miner: mining margin breached with an execution failure, or two or more failures; watch: one failure or a validation signpost at risk; re-rating supported: colocation momentum met or on track; else insufficient data.";
}

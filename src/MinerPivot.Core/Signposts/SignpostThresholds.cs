namespace MinerPivot.Core.Signposts;

/// <summary>
/// The configurable numbers of the signpost rules. The defaults are those of PRODUCT.md ("Signposts").
/// Bind from the configuration section <see cref="SectionName"/> ("Signposts"), e.g.
/// <c>services.Configure&lt;SignpostThresholds&gt;(config.GetSection(SignpostThresholds.SectionName))</c>.
/// </summary>
public sealed class SignpostThresholds
{
    /// <summary>The configuration section these settings bind from.</summary>
    public const string SectionName = "Signposts";

    /// <summary>colocation_momentum is <c>met</c> when YoY growth is at least this many percent (and QoQ ≥ 0). Default 50.</summary>
    public decimal MomentumYoYPct { get; set; } = 50m;

    /// <summary>The year-ago quarter's period end lies this many days before the latest one… Default 365.</summary>
    public int YoYWindowDays { get; set; } = 365;

    /// <summary>…plus or minus this many days. Default 45.</summary>
    public int YoYToleranceDays { get; set; } = 45;

    /// <summary>A slip of 1 to this many days is <c>minor</c>. Default 30.</summary>
    public int MinorSlipMaxDays { get; set; } = 30;

    /// <summary>A slip above <see cref="MinorSlipMaxDays"/> up to this many days is <c>major</c>; above it, <c>critical</c>. Default 90.</summary>
    public int MajorSlipMaxDays { get; set; } = 90;

    /// <summary>mining_margin is <c>ok</c> at or above this margin in percent, <c>at_risk</c> from 0 up to it, <c>breached</c> below 0. Default 25.</summary>
    public decimal MarginOkPct { get; set; } = 25m;

    /// <summary>The company's own cash cost per BTC is used only if its quarter ended at most this many days before the as-of date. Default 200.</summary>
    public int CompanyCostMaxAgeDays { get; set; } = 200;

    /// <summary>speed_to_cash is <c>met</c> when the median is at most this many months. Default 14.</summary>
    public decimal SpeedToCashMetMonths { get; set; } = 14m;

    /// <summary>speed_to_cash is <c>at_risk</c> up to this many months, <c>missed</c> above. Default 18.</summary>
    public decimal SpeedToCashAtRiskMonths { get; set; } = 18m;

    /// <summary>demand_integrity looks back this many days for downsized or cancelled contracts. Default 180.</summary>
    public int DemandLookbackDays { get; set; } = 180;

    /// <summary>The indicator series holding the public-miner average cash cost per BTC (USD). Default <c>public_miner_cash_cost_per_btc_usd</c>.</summary>
    public string IndustryCashCostSeries { get; set; } = "public_miner_cash_cost_per_btc_usd";

    /// <summary>User-defined rules on market series; any that fires breaches demand_integrity. Empty by default.</summary>
    public List<IndicatorRule> IndicatorRules { get; set; } = [];

    /// <summary>Problems with the configured values, one message each; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (YoYWindowDays <= 0) errors.Add($"{nameof(YoYWindowDays)} must be positive.");
        if (YoYToleranceDays < 0 || YoYToleranceDays >= YoYWindowDays) errors.Add($"{nameof(YoYToleranceDays)} must be between 0 and {nameof(YoYWindowDays)}.");
        if (MinorSlipMaxDays < 1) errors.Add($"{nameof(MinorSlipMaxDays)} must be at least 1.");
        if (MajorSlipMaxDays <= MinorSlipMaxDays) errors.Add($"{nameof(MajorSlipMaxDays)} must be greater than {nameof(MinorSlipMaxDays)}.");
        if (CompanyCostMaxAgeDays < 0) errors.Add($"{nameof(CompanyCostMaxAgeDays)} must not be negative.");
        if (SpeedToCashMetMonths <= 0) errors.Add($"{nameof(SpeedToCashMetMonths)} must be positive.");
        if (SpeedToCashAtRiskMonths < SpeedToCashMetMonths) errors.Add($"{nameof(SpeedToCashAtRiskMonths)} must be at least {nameof(SpeedToCashMetMonths)}.");
        if (DemandLookbackDays < 0) errors.Add($"{nameof(DemandLookbackDays)} must not be negative.");
        if (string.IsNullOrWhiteSpace(IndustryCashCostSeries)) errors.Add($"{nameof(IndustryCashCostSeries)} is required.");
        for (var i = 0; i < IndicatorRules.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(IndicatorRules[i].Series)) errors.Add($"{nameof(IndicatorRules)}[{i}].{nameof(IndicatorRule.Series)} is required.");
        }
        return errors;
    }
}

/// <summary>
/// A user-defined rule on a market series, e.g. "DRAM contract price below 2.5" or "miners ETF below 20".
/// It fires when the series' latest value on or before the as-of date is strictly above (or below) <see cref="Threshold"/>;
/// a series with no value by then does not fire.
/// </summary>
public sealed class IndicatorRule
{
    /// <summary>The indicator series name (indicators.csv <c>series</c>); matched case-insensitively.</summary>
    public string Series { get; set; } = "";

    public IndicatorComparison Comparison { get; set; } = IndicatorComparison.Below;

    public decimal Threshold { get; set; }

    /// <summary>What a PM reads when it fires, e.g. "Hyperscaler capex guidance cut".</summary>
    public string Description { get; set; } = "";
}

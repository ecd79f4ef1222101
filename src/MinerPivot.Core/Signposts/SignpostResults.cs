namespace MinerPivot.Core.Signposts;

/// <summary>Units used in <see cref="SignpostEvaluation.Unit"/>.</summary>
public static class SignpostUnits
{
    public const string Usd = "USD";
    public const string Mw = "MW";
    public const string Days = "days";
    public const string Percent = "percent";
    public const string Months = "months";
    public const string UsdPerMwYear = "USD/MW-year";
    public const string Count = "count";
}

/// <summary>
/// One signpost evaluated for one company as of a date.
/// Percentages are in percent (801.16 means +801.16%) and rounded to 2 decimals; the status is decided on the
/// rounded figure, so what the user sees is what decided. Money is rounded to cents.
/// </summary>
/// <param name="Key">One of <see cref="SignpostKeys"/>.</param>
/// <param name="Kind">Validation or risk.</param>
/// <param name="Subject">The contract code or target description this evaluation is about, else null (company level).</param>
/// <param name="Status">The outcome.</param>
/// <param name="Value">The measured figure in <paramref name="Unit"/>, or null when it cannot be measured.</param>
/// <param name="Target">The figure it is compared with, where there is one.</param>
/// <param name="Unit">The unit of <paramref name="Value"/> and <paramref name="Target"/> (see <see cref="SignpostUnits"/>).</param>
/// <param name="Details">The inputs and intermediate figures, camelCase keys, in a stable order.</param>
/// <param name="Explanation">One sentence naming the numbers used.</param>
public sealed record SignpostEvaluation(
    string Key,
    SignpostKind Kind,
    string? Subject,
    SignpostStatus Status,
    decimal? Value,
    decimal? Target,
    string Unit,
    IReadOnlyDictionary<string, object?> Details,
    string Explanation)
{
    /// <summary>The sources (URLs or document titles) of the facts used, distinct, in order of use.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}

/// <summary>
/// One tranche's RFS slippage as of a date (cancelled tranches are never listed).
/// </summary>
/// <param name="SiteName">The tranche's site.</param>
/// <param name="TrancheCode">The tranche code, unique per company.</param>
/// <param name="ContractCode">Its contract's code, when the tranche has a contract signed by the as-of date.</param>
/// <param name="Mw">Critical IT MW.</param>
/// <param name="BaselineRfs">The RFS date of the first revision announced by the as-of date.</param>
/// <param name="CurrentRfs">The RFS date of the latest revision announced by the as-of date.</param>
/// <param name="ActualRfs">The actual RFS if on or before the as-of date, else null (not delivered yet).</param>
/// <param name="SlipDays">Current − baseline (actual − baseline once delivered); null without a baseline. May be negative.</param>
/// <param name="Overdue">The as-of date is past the current RFS and the tranche was not delivered by then.</param>
/// <param name="Severity">none / minor / major / critical.</param>
/// <param name="RevenueAtRiskUsd">MW × the company's annualized colocation revenue per contracted MW × max(slip days, 0) / 365;
/// null when slip days or that rate are unknown.</param>
public sealed record TrancheSlip(
    string SiteName,
    string TrancheCode,
    string? ContractCode,
    decimal Mw,
    DateOnly? BaselineRfs,
    DateOnly? CurrentRfs,
    DateOnly? ActualRfs,
    int? SlipDays,
    bool Overdue,
    SlipSeverity Severity,
    decimal? RevenueAtRiskUsd)
{
    /// <summary>Days from the current RFS to the as-of date when overdue, else 0.</summary>
    public int DaysOverdue { get; init; }

    /// <summary>Whether the tranche was delivered (has an actual RFS) by the as-of date.</summary>
    public bool Delivered => ActualRfs is not null;
}

/// <summary>A company's signposts, tranche slips and verdict as of a date.</summary>
/// <param name="Ticker">The company's ticker.</param>
/// <param name="AsOf">The as-of date D: only facts known by D were used.</param>
/// <param name="Verdict">The headline (see PRODUCT.md "Verdict").</param>
/// <param name="Signposts">In the order of <see cref="SignpostKeys.All"/>; targets by deadline, contracts by code.</param>
/// <param name="Tranches">Known, non-cancelled tranches ordered by site name, then tranche code.</param>
public sealed record CompanyEvaluation(
    string Ticker,
    DateOnly AsOf,
    Verdict Verdict,
    IReadOnlyList<SignpostEvaluation> Signposts,
    IReadOnlyList<TrancheSlip> Tranches)
{
    /// <summary>One sentence saying why the verdict is what it is.</summary>
    public string VerdictExplanation { get; init; } = "";

    /// <summary>Why the evaluation failed (the verdict is then <see cref="Verdict.Error"/>, with no signposts); else null.</summary>
    public string? Failure { get; init; }

    /// <summary>
    /// The evaluation of a company whose facts could not be evaluated: shown as such (verdict error with the reason),
    /// so that one company's bad data never takes the others down.
    /// </summary>
    public static CompanyEvaluation Failed(string ticker, DateOnly asOf, Exception exception) =>
        new(ticker, asOf, Verdict.Error, [], [])
        {
            Failure = $"{exception.GetType().Name}: {exception.Message}",
            VerdictExplanation = $"The signposts could not be evaluated ({exception.GetType().Name}: {exception.Message}).",
        };

    /// <summary>The evaluations with this key (several for billable_mw_target and contract_delivery).</summary>
    public IEnumerable<SignpostEvaluation> WithKey(string key) => Signposts.Where(s => s.Key == key);

    /// <summary>The single company-level evaluation with this key, or null.</summary>
    public SignpostEvaluation? Find(string key) => Signposts.FirstOrDefault(s => s.Key == key);
}

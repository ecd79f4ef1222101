using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Alerts;

/// <summary>
/// One thing an alert can be about, as evaluated on a date: its stable key, its status word and, when that status is
/// bad, the alert severity. Good statuses are listed too, so that the evaluator can remember them ("ok → breached").
/// </summary>
public sealed record AlertCondition(
    string Key,
    string Ticker,
    string CompanyName,
    string SignpostKey,
    string SubjectKind,
    string? SubjectCode,
    string Status,
    AlertSeverity? Severity,
    string Cause,
    string? CauseSource,
    decimal? RevenueAtRiskUsd)
{
    public bool IsBad => Severity is not null;
}

/// <summary>Turns a company's evaluation into alert conditions (pure; the evaluator compares them with stored state).</summary>
public static class AlertConditions
{
    public const string TrancheKind = "tranche";
    public const string ContractKind = "contract";
    public const string TargetKind = "target";
    public const string CompanyKind = "company";

    /// <summary>Status word of a tranche that was delivered by the date: its slip is no longer a risk.</summary>
    public const string Delivered = "delivered";

    public static string KeyOf(string ticker, string signpostKey, string? subject) =>
        subject is null ? $"{ticker}|{signpostKey}" : $"{ticker}|{signpostKey}|{subject}";

    /// <summary>
    /// Per undelivered tranche: its slip severity (minor/major/critical is the alert severity; an overdue tranche is
    /// critical). Per signpost other than rfs_slippage (its tranches speak for it) and revenue_visibility (never bad):
    /// at_risk → minor, missed/breached → major; mining_margin only when breached, as minor.
    /// </summary>
    public static IEnumerable<AlertCondition> For(CompanySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var evaluation = snapshot.Evaluation;
        var ticker = snapshot.Ticker;
        var name = snapshot.Name;
        var tranches = snapshot.Tranches.Where(t => !t.Cancelled).ToList();

        foreach (var slip in tranches)
        {
            var key = KeyOf(ticker, SignpostKeys.RfsSlippage, slip.Tranche);
            if (slip.Delivered)
            {
                yield return new AlertCondition(key, ticker, name, SignpostKeys.RfsSlippage, TrancheKind, slip.Tranche,
                    Delivered, null, $"{slip.Tranche} was delivered on {Fmt.Date(slip.ActualRfs!.Value)}.", null, null);
                continue;
            }
            var severity = slip.Severity switch
            {
                SlipSeverity.Minor => AlertSeverity.Minor,
                SlipSeverity.Major => AlertSeverity.Major,
                SlipSeverity.Critical => AlertSeverity.Critical,
                _ => (AlertSeverity?)null,
            };
            var latest = slip.CurrentRevision;
            yield return new AlertCondition(key, ticker, name, SignpostKeys.RfsSlippage, TrancheKind, slip.Tranche,
                (slip.Severity ?? SlipSeverity.None).ToWire(), severity, TrancheCause(slip, latest), latest?.Source, slip.RevenueAtRiskUsd);
        }

        var atRiskByContract = tranches
            .Where(t => !t.Delivered && t.Contract is not null && t.RevenueAtRiskUsd is not null)
            .GroupBy(t => t.Contract!)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.RevenueAtRiskUsd!.Value));

        foreach (var s in evaluation.Signposts)
        {
            if (s.Key is SignpostKeys.RfsSlippage or SignpostKeys.RevenueVisibility)
            {
                continue;
            }
            var severity = s.Key == SignpostKeys.MiningMargin
                // Weak mining economics alone do not break the thesis (the pivot exists because they are weak): a
                // negative margin is worth a minor alert, a thin one none.
                ? s.Status == SignpostStatus.Breached ? AlertSeverity.Minor : (AlertSeverity?)null
                : s.Status switch
                {
                    SignpostStatus.AtRisk => AlertSeverity.Minor,
                    SignpostStatus.Missed or SignpostStatus.Breached => AlertSeverity.Major,
                    _ => (AlertSeverity?)null,
                };
            var kind = s.Key switch
            {
                SignpostKeys.ContractDelivery => ContractKind,
                SignpostKeys.BillableMwTarget => TargetKind,
                _ => CompanyKind,
            };
            decimal? atRisk = s.Key == SignpostKeys.ContractDelivery && s.Subject is { } code && atRiskByContract.TryGetValue(code, out var r) ? r : null;
            var sources = s.Sources.Count == 0 ? null : Truncate(string.Join("; ", s.Sources), Limits.Source);
            yield return new AlertCondition(KeyOf(ticker, s.Key, s.Subject), ticker, name, s.Key, kind, s.Subject,
                s.Status.ToWire(), severity, s.Explanation, sources, atRisk);
        }
    }

    private static string TrancheCause(TrancheSnapshot slip, RevisionSnapshot? latest)
    {
        var slipText = slip.SlipDays is { } d && slip.BaselineRfs is { } b
            ? $"{(d >= 0 ? "+" : "")}{Fmt.Days(d)} against the baseline {Fmt.Date(b)}"
            : "no baseline";
        if (slip.Overdue && slip.CurrentRfs is { } current)
        {
            var announced = latest is null ? "" : $" (announced {Fmt.Date(latest.AnnouncedOn)})";
            return $"{slip.Tranche} at {slip.Site} is overdue since its current RFS {Fmt.Date(current)}{announced}: " +
                   $"{Fmt.Days(slip.DaysOverdue)} past it and not delivered; {slipText}.";
        }
        if (latest is null)
        {
            return $"{slip.Tranche} at {slip.Site}: {slipText}.";
        }
        var note = string.IsNullOrWhiteSpace(latest.Note) ? "" : $" ({latest.Note.Trim()})";
        return $"{slip.Tranche} at {slip.Site}: revision announced {Fmt.Date(latest.AnnouncedOn)} moved the RFS to " +
               $"{Fmt.Date(latest.RfsDate)}{note}, {slipText}.";
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

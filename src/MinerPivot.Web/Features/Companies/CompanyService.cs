using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Features.Companies;

/// <summary>One signpost evaluation as the company page shows it.</summary>
public sealed record SignpostItem(
    string Key,
    SignpostKind Kind,
    string? Subject,
    SignpostStatus Status,
    decimal? Value,
    decimal? Target,
    string Unit,
    string Explanation,
    List<string> Sources);

/// <summary>Everything the company page shows, as known on <paramref name="AsOf"/>; loaded once per visit.</summary>
public sealed record CompanyPageView(
    string Ticker,
    string Name,
    DateOnly AsOf,
    Verdict Verdict,
    string VerdictExplanation,
    string? LatestFiscalLabel,
    List<SignpostItem> Signposts,
    List<QuarterSnapshot> Quarters,
    List<TrancheSnapshot> Tranches,
    List<ContractSnapshot> Contracts,
    List<TargetSnapshot> Targets,
    List<MarginPoint> Margin);

/// <summary>
/// The company area's reads, for its page and its API alike: each is one evaluation of the company as of a date
/// (<see cref="SignpostService.EvaluateAsync"/>), projected; no rule is applied here.
/// </summary>
public sealed class CompanyService(SignpostService signposts)
{
    /// <summary>At most this many BTC closes go to the margin chart (about weekly over its three years); longer windows are thinned evenly.</summary>
    public const int MaxMarginPoints = 200;

    /// <summary>The margin chart looks back at most this many days from the as-of date.</summary>
    public const int MarginWindowDays = 3 * 365;

    /// <summary>The company page as of <paramref name="asOf"/>, or null for an unknown ticker.</summary>
    public async Task<CompanyPageView?> LoadAsync(string ticker, DateOnly asOf, CancellationToken ct = default)
    {
        if (await signposts.EvaluateAsync(ticker, asOf, ct) is not { } evaluated)
        {
            return null;
        }
        var snapshot = evaluated.Snapshot;
        var evaluation = snapshot.Evaluation;
        return new CompanyPageView(
            evaluated.Ticker, evaluated.Name, asOf, evaluation.Verdict, evaluation.VerdictExplanation, evaluated.LatestFiscalLabel,
            evaluation.Signposts.Select(s => new SignpostItem(s.Key, s.Kind, s.Subject, s.Status, s.Value, s.Target, s.Unit, s.Explanation,
                [.. s.Sources])).ToList(),
            [.. snapshot.Quarters], [.. snapshot.Tranches], [.. snapshot.Contracts],
            snapshot.Targets.Where(t => t.Status is not null).ToList(),
            [.. snapshot.MarginHistory(MarginWindowDays, MaxMarginPoints)]);
    }

    /// <summary>
    /// Quarters by period end with colocation revenue QoQ/YoY; with <paramref name="asOf"/> only those reported by then.
    /// Null for an unknown ticker.
    /// </summary>
    public async Task<IReadOnlyList<QuarterSnapshot>?> GetQuartersAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default) =>
        (await SnapshotAsync(ticker, asOf, ct))?.Quarters;

    /// <summary>
    /// Tranches ordered by site, then code, as the engine knows them at <paramref name="asOf"/> (cancelled ones
    /// included), each with the revisions announced by then and its slip. Null for an unknown ticker.
    /// </summary>
    public async Task<IReadOnlyList<TrancheSnapshot>?> GetTranchesAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default) =>
        (await SnapshotAsync(ticker, asOf, ct))?.Tranches;

    /// <summary>
    /// Contracts ordered by code, with their events by date and their delivery; at D only contracts signed and events
    /// dated by D. Null for an unknown ticker.
    /// </summary>
    public async Task<IReadOnlyList<ContractSnapshot>?> GetContractsAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default) =>
        (await SnapshotAsync(ticker, asOf, ct))?.Contracts;

    // Without a date, everything stored: the snapshot as of the last representable day.
    private async Task<CompanySnapshot?> SnapshotAsync(string ticker, DateOnly? asOf, CancellationToken ct) =>
        (await signposts.EvaluateAsync(ticker, asOf ?? DateOnly.MaxValue, ct))?.Snapshot;
}

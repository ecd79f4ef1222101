using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Features.Companies;

/// <summary>One reported quarter (quarterly.csv columns).</summary>
public sealed record QuarterFact(
    DateOnly PeriodEnd,
    string FiscalLabel,
    DateOnly ReportedOn,
    decimal? ColocationRevenueUsd,
    decimal? MiningRevenueUsd,
    decimal? BtcProduced,
    decimal? CashCostPerBtcUsd,
    decimal? ContractedMw,
    decimal? EnergizedMw,
    decimal? BillableMw,
    decimal? GrossPipelineMw,
    decimal? CapexUsd,
    string Source);

/// <summary>One announcement of an expected RFS date.</summary>
public sealed record RfsRevisionFact(DateOnly AnnouncedOn, DateOnly RfsDate, string Source, string? Note);

/// <summary>
/// A tranche with its RFS revision history. <see cref="Status"/> is null when the recorded status is a delivery
/// (ready_for_service, billable) that happened after the as-of date, since what it was before is not recorded.
/// </summary>
public sealed record TrancheFact(
    string Tranche,
    string Site,
    string? Contract,
    string Customer,
    decimal CriticalItMw,
    TrancheStatus? Status,
    DateOnly? ActualRfs,
    DateOnly? BaselineRfs,
    DateOnly? CurrentRfs,
    string Source,
    IReadOnlyList<RfsRevisionFact> Revisions);

/// <summary>One event in a contract's life.</summary>
public sealed record ContractEventFact(ContractEventKind Event, DateOnly EventOn, decimal? MwChange, string Source);

/// <summary>A contract with its events.</summary>
public sealed record ContractFact(
    string Contract,
    string Customer,
    decimal ContractedMw,
    decimal? TermYears,
    decimal? TotalValueUsd,
    decimal? AnnualizedRevenueUsd,
    DateOnly SignedOn,
    DateOnly? FullDeliveryBy,
    string Source,
    IReadOnlyList<ContractEventFact> Events);

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

    /// <summary>Quarters by period end; with <paramref name="asOf"/> only those reported by then. Null for an unknown ticker.</summary>
    public async Task<IReadOnlyList<QuarterFact>?> GetQuartersAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default) =>
        await SnapshotAsync(ticker, asOf, ct) is { } s
            ? s.Quarters.Select(q => new QuarterFact(q.PeriodEnd, q.FiscalLabel, q.ReportedOn, q.ColocationRevenueUsd, q.MiningRevenueUsd,
                q.BtcProduced, q.CashCostPerBtcUsd, q.ContractedMw, q.EnergizedMw, q.BillableMw, q.GrossPipelineMw, q.CapexUsd, q.Source)).ToList()
            : null;

    /// <summary>
    /// Tranches ordered by site, then code, as the engine knows them at <paramref name="asOf"/> (cancelled ones
    /// included), with the revisions announced by then. Null for an unknown ticker.
    /// </summary>
    public async Task<IReadOnlyList<TrancheFact>?> GetTranchesAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default) =>
        await SnapshotAsync(ticker, asOf, ct) is { } s
            ? s.Tranches.Select(t => new TrancheFact(t.Code, t.Site, t.Contract, t.Customer, t.Mw, t.Status, t.ActualRfs, t.BaselineRfs,
                t.CurrentRfs, t.Source, t.Revisions.Select(r => new RfsRevisionFact(r.AnnouncedOn, r.RfsDate, r.Source, r.Note)).ToList())).ToList()
            : null;

    /// <summary>Contracts ordered by code, with their events by date; at D only contracts signed and events dated by D.</summary>
    public async Task<IReadOnlyList<ContractFact>?> GetContractsAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default) =>
        await SnapshotAsync(ticker, asOf, ct) is { } s
            ? s.Contracts.Select(c => new ContractFact(c.Code, c.Customer, c.ContractedMw, c.TermYears, c.TotalValueUsd, c.AnnualizedRevenueUsd,
                c.SignedOn, c.FullDeliveryBy, c.Source,
                c.Events.Select(e => new ContractEventFact(e.Event, e.EventOn, e.MwChange, e.Source)).ToList())).ToList()
            : null;

    // Without a date, everything stored: the snapshot as of the last representable day.
    private async Task<CompanySnapshot?> SnapshotAsync(string ticker, DateOnly? asOf, CancellationToken ct) =>
        (await signposts.EvaluateAsync(ticker, asOf ?? DateOnly.MaxValue, ct))?.Snapshot;
}

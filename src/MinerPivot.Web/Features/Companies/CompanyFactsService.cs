using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Data;
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

/// <summary>
/// A company's stored facts with their sources, optionally only what was known at an as-of date D, by the rules of
/// DATA-FORMAT.md and the signpost engine: quarters by reported-on, contracts by signed-on, events by event-on,
/// revisions by announced-on, deliveries by actual RFS. Each method returns null for an unknown ticker.
/// </summary>
public sealed class CompanyFactsService(IDbContextFactory<MinerPivotDbContext> dbFactory)
{
    public async Task<IReadOnlyList<QuarterFact>?> GetQuartersAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindCompanyIdAsync(db, ticker, ct) is not { } companyId)
        {
            return null;
        }
        return await db.QuarterlyFigures.AsNoTracking()
            .Where(q => q.CompanyId == companyId && (asOf == null || q.ReportedOn <= asOf))
            .OrderBy(q => q.PeriodEnd)
            .Select(q => new QuarterFact(q.PeriodEnd, q.FiscalLabel, q.ReportedOn, q.ColocationRevenueUsd, q.MiningRevenueUsd,
                q.BtcProduced, q.CashCostPerBtcUsd, q.ContractedMw, q.EnergizedMw, q.BillableMw, q.GrossPipelineMw, q.CapexUsd, q.Source))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Tranches ordered by site, then code. At D a tranche is listed when one of its revisions was announced by D, it
    /// was delivered by D, or (having no revisions) its contract was signed by D; baseline and current RFS are those
    /// of the revisions announced by D.
    /// </summary>
    public async Task<IReadOnlyList<TrancheFact>?> GetTranchesAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindCompanyIdAsync(db, ticker, ct) is not { } companyId)
        {
            return null;
        }
        var tranches = await db.Tranches.AsNoTracking().AsSplitQuery()
            .Where(t => t.CompanyId == companyId)
            .Include(t => t.Site)
            .Include(t => t.Contract)
            .Include(t => t.Revisions)
            .ToListAsync(ct);

        var result = new List<TrancheFact>(tranches.Count);
        foreach (var t in tranches)
        {
            var revisions = t.Revisions
                .Where(r => asOf is null || r.AnnouncedOn <= asOf)
                .OrderBy(r => r.AnnouncedOn).ThenBy(r => r.RfsDate)
                .Select(r => new RfsRevisionFact(r.AnnouncedOn, r.RfsDate, r.Source, r.Note))
                .ToList();
            var delivered = t.ActualRfs is { } a && (asOf is null || a <= asOf);
            var contractKnown = t.Contract is { } c && (asOf is null || c.SignedOn <= asOf);
            if (asOf is not null && revisions.Count == 0 && !delivered && !(t.Revisions.Count == 0 && contractKnown))
            {
                continue;
            }
            var status = !delivered && t.Status is TrancheStatus.ReadyForService or TrancheStatus.Billable ? (TrancheStatus?)null : t.Status;
            result.Add(new TrancheFact(
                t.Code, t.Site?.Name ?? "", contractKnown ? t.Contract!.Code : null, t.Customer, t.CriticalItMw, status,
                delivered ? t.ActualRfs : null,
                revisions.Count > 0 ? revisions[0].RfsDate : null,
                revisions.Count > 0 ? revisions[^1].RfsDate : null,
                t.Source, revisions));
        }
        return result.OrderBy(t => t.Site, StringComparer.Ordinal).ThenBy(t => t.Tranche, StringComparer.Ordinal).ToList();
    }

    /// <summary>Contracts ordered by code, with their events by date; at D only contracts signed and events dated by D.</summary>
    public async Task<IReadOnlyList<ContractFact>?> GetContractsAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindCompanyIdAsync(db, ticker, ct) is not { } companyId)
        {
            return null;
        }
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.CompanyId == companyId && (asOf == null || c.SignedOn <= asOf))
            .Include(c => c.Events)
            .OrderBy(c => c.Code)
            .ToListAsync(ct);
        return contracts
            .Select(c => new ContractFact(
                c.Code, c.Customer, c.ContractedMw, c.TermYears, c.TotalValueUsd, c.AnnualizedRevenueUsd, c.SignedOn,
                c.FullDeliveryBy, c.Source,
                c.Events
                    .Where(e => asOf is null || e.EventOn <= asOf)
                    .OrderBy(e => e.EventOn).ThenBy(e => e.Kind)
                    .Select(e => new ContractEventFact(e.Kind, e.EventOn, e.MwChange, e.Source))
                    .ToList()))
            .ToList();
    }

    private static async Task<int?> FindCompanyIdAsync(MinerPivotDbContext db, string ticker, CancellationToken ct)
    {
        if (SignpostService.NormalizeTicker(ticker) is not { } normalized)
        {
            return null;
        }
        return await db.Companies.Where(c => c.Ticker == normalized).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
    }
}

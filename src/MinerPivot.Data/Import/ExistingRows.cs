using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;

namespace MinerPivot.Data.Import;

/// <summary>
/// What the database holds, loaded once per import (one query per table) and keyed by natural key, so that
/// matching rows costs a dictionary lookup, never a query. Leaf tables are loaded only when their file is imported.
/// </summary>
internal sealed class ExistingRows
{
    public Dictionary<string, Company> Companies { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Ticker, string Site), Site> Sites { get; } = [];
    public Dictionary<(string Ticker, string Contract), Contract> Contracts { get; } = [];
    public Dictionary<(string Ticker, string Tranche), Tranche> Tranches { get; } = [];
    public Dictionary<(string Ticker, string Contract, ContractEventKind Kind, DateOnly EventOn), ContractEvent> ContractEvents { get; } = [];
    public Dictionary<(string Ticker, string Tranche, DateOnly AnnouncedOn), RfsRevision> RfsRevisions { get; } = [];
    public Dictionary<(string Ticker, DateOnly PeriodEnd), QuarterlyFigure> Quarterly { get; } = [];
    public Dictionary<DateOnly, BtcPrice> BtcPrices { get; } = [];
    public Dictionary<(string Ticker, TargetKind Kind, DateOnly Deadline), Target> Targets { get; } = [];
    public Dictionary<(string Series, DateOnly Date), IndicatorValue> Indicators { get; } = [];

    public Dictionary<int, string> TickerOf { get; } = [];
    public Dictionary<int, string> SiteNameOf { get; } = [];
    public Dictionary<int, string> ContractCodeOf { get; } = [];

    public KnownKeys Keys => new(Companies.Keys, Sites.Keys, Contracts.Keys, Tranches.Keys);

    public static async Task<ExistingRows> LoadAsync(MinerPivotDbContext db, IReadOnlyCollection<string> files, CancellationToken ct)
    {
        var rows = new ExistingRows();
        foreach (var company in await db.Companies.AsNoTracking().ToListAsync(ct))
        {
            rows.Companies.Add(company.Ticker, company);
            rows.TickerOf.Add(company.Id, company.Ticker);
        }
        foreach (var site in await db.Sites.AsNoTracking().ToListAsync(ct))
        {
            rows.Sites.Add((rows.TickerOf[site.CompanyId], site.Name), site);
            rows.SiteNameOf.Add(site.Id, site.Name);
        }
        var contractKeyOf = new Dictionary<int, (string Ticker, string Contract)>();
        foreach (var contract in await db.Contracts.AsNoTracking().ToListAsync(ct))
        {
            var key = (rows.TickerOf[contract.CompanyId], contract.Code);
            rows.Contracts.Add(key, contract);
            rows.ContractCodeOf.Add(contract.Id, contract.Code);
            contractKeyOf.Add(contract.Id, key);
        }
        var trancheKeyOf = new Dictionary<int, (string Ticker, string Tranche)>();
        foreach (var tranche in await db.Tranches.AsNoTracking().ToListAsync(ct))
        {
            var key = (rows.TickerOf[tranche.CompanyId], tranche.Code);
            rows.Tranches.Add(key, tranche);
            trancheKeyOf.Add(tranche.Id, key);
        }

        if (files.Contains(ImportFormat.ContractEvents))
        {
            foreach (var e in await db.ContractEvents.AsNoTracking().ToListAsync(ct))
            {
                var (ticker, contract) = contractKeyOf[e.ContractId];
                rows.ContractEvents.Add((ticker, contract, e.Kind, e.EventOn), e);
            }
        }
        if (files.Contains(ImportFormat.RfsRevisions))
        {
            foreach (var r in await db.RfsRevisions.AsNoTracking().ToListAsync(ct))
            {
                var (ticker, tranche) = trancheKeyOf[r.TrancheId];
                rows.RfsRevisions.Add((ticker, tranche, r.AnnouncedOn), r);
            }
        }
        if (files.Contains(ImportFormat.Quarterly))
        {
            foreach (var q in await db.QuarterlyFigures.AsNoTracking().ToListAsync(ct))
            {
                rows.Quarterly.Add((rows.TickerOf[q.CompanyId], q.PeriodEnd), q);
            }
        }
        if (files.Contains(ImportFormat.BtcPrices))
        {
            foreach (var p in await db.BtcPrices.AsNoTracking().ToListAsync(ct))
            {
                rows.BtcPrices.Add(p.Date, p);
            }
        }
        if (files.Contains(ImportFormat.Targets))
        {
            foreach (var t in await db.Targets.AsNoTracking().ToListAsync(ct))
            {
                rows.Targets.Add((rows.TickerOf[t.CompanyId], t.Kind, t.Deadline), t);
            }
        }
        if (files.Contains(ImportFormat.Indicators))
        {
            foreach (var i in await db.IndicatorValues.AsNoTracking().ToListAsync(ct))
            {
                rows.Indicators.Add((i.Series, i.Date), i);
            }
        }
        return rows;
    }
}

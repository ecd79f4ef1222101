using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.Data.Import;

namespace MinerPivot.Web.Features.Admin;

internal sealed class CompanyHandler : FactHandler<Company, CompanyRow>
{
    public override AdminKind Kind => AdminKinds.Companies;
    protected override EntityMap<Company> Map => EntityMaps.Companies;
    protected override IQueryable<Company> Query(MinerPivotDbContext db) => db.Companies;
    protected override Task<Company?> FindByKeyAsync(IQueryable<Company> query, CompanyRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(c => c.Ticker == row.Ticker, ct);
    protected override Company Create() => new() { Ticker = "", Name = "" };

    protected override async Task<string?> DeleteRefusalAsync(MinerPivotDbContext db, Company c, CancellationToken ct)
    {
        var counts = new (int Count, string One, string Many)[]
        {
            (await db.Sites.CountAsync(s => s.CompanyId == c.Id, ct), "site", "sites"),
            (await db.Contracts.CountAsync(x => x.CompanyId == c.Id, ct), "contract", "contracts"),
            (await db.Tranches.CountAsync(t => t.CompanyId == c.Id, ct), "tranche", "tranches"),
            (await db.QuarterlyFigures.CountAsync(q => q.CompanyId == c.Id, ct), "quarter", "quarters"),
            (await db.Targets.CountAsync(t => t.CompanyId == c.Id, ct), "target", "targets"),
        };
        var held = counts.Where(x => x.Count > 0).Select(x => $"{x.Count} {(x.Count == 1 ? x.One : x.Many)}").ToList();
        return held.Count == 0 ? null : $"{c.Ticker} still has {Listing(held)}. Delete those first.";
    }

    internal static string Listing(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}

internal sealed class SiteHandler : FactHandler<Site, SiteRow>
{
    public override AdminKind Kind => AdminKinds.Sites;
    protected override EntityMap<Site> Map => EntityMaps.Sites;
    protected override IQueryable<Site> Query(MinerPivotDbContext db) => db.Sites.Include(s => s.Company);
    protected override Task<Site?> FindByKeyAsync(IQueryable<Site> query, SiteRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(s => s.Company!.Ticker == row.Ticker && s.Name == row.Site, ct);
    protected override Site Create() => new() { Name = "", Location = "", Source = "" };

    protected override async Task ApplyAsync(MinerPivotDbContext db, Site entity, SiteRow row, CancellationToken ct)
    {
        entity.Company = await CompanyAsync(db, row.Ticker, ct);
    }

    protected override async Task<string?> DeleteRefusalAsync(MinerPivotDbContext db, Site s, CancellationToken ct)
    {
        var tranches = await db.Tranches.Where(t => t.SiteId == s.Id).OrderBy(t => t.Code).Select(t => t.Code).ToListAsync(ct);
        return tranches.Count == 0 ? null
            : $"Site {s.Name} still has {(tranches.Count == 1 ? "tranche" : "tranches")} {CompanyHandler.Listing(tranches)}. Move or delete them first.";
    }
}

internal sealed class ContractHandler : FactHandler<Contract, ContractRow>
{
    public override AdminKind Kind => AdminKinds.Contracts;
    protected override EntityMap<Contract> Map => EntityMaps.Contracts;
    protected override IQueryable<Contract> Query(MinerPivotDbContext db) => db.Contracts.Include(c => c.Company);
    protected override Task<Contract?> FindByKeyAsync(IQueryable<Contract> query, ContractRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(c => c.Company!.Ticker == row.Ticker && c.Code == row.Contract, ct);
    protected override Contract Create() => new() { Code = "", Customer = "", Source = "" };

    protected override async Task ApplyAsync(MinerPivotDbContext db, Contract entity, ContractRow row, CancellationToken ct)
    {
        entity.Company = await CompanyAsync(db, row.Ticker, ct);
    }

    protected override async Task<string?> DeleteRefusalAsync(MinerPivotDbContext db, Contract c, CancellationToken ct)
    {
        var events = await db.ContractEvents.CountAsync(e => e.ContractId == c.Id, ct);
        var tranches = await db.Tranches.Where(t => t.ContractId == c.Id).OrderBy(t => t.Code).Select(t => t.Code).ToListAsync(ct);
        var held = new List<string>();
        if (events > 0)
        {
            held.Add(events == 1 ? "1 event" : $"{events} events");
        }
        if (tranches.Count > 0)
        {
            held.Add($"{(tranches.Count == 1 ? "tranche" : "tranches")} {CompanyHandler.Listing(tranches)}");
        }
        return held.Count == 0 ? null : $"Contract {c.Code} still has {CompanyHandler.Listing(held)}. Delete those first.";
    }
}

internal sealed class ContractEventHandler : FactHandler<ContractEvent, ContractEventRow>
{
    public override AdminKind Kind => AdminKinds.ContractEvents;
    protected override EntityMap<ContractEvent> Map => EntityMaps.ContractEvents;
    protected override IQueryable<ContractEvent> Query(MinerPivotDbContext db) => db.ContractEvents.Include(e => e.Contract!).ThenInclude(c => c.Company);
    protected override Task<ContractEvent?> FindByKeyAsync(IQueryable<ContractEvent> query, ContractEventRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(e => e.Contract!.Company!.Ticker == row.Ticker && e.Contract.Code == row.Contract && e.Kind == row.Event &&
            e.EventOn == row.EventOn, ct);
    protected override ContractEvent Create() => new() { Source = "" };

    protected override string UpdateRefusal =>
        "Contract events are append-only: record a change as a new event (expanded, downsized or cancelled).";

    protected override async Task ApplyAsync(MinerPivotDbContext db, ContractEvent entity, ContractEventRow row, CancellationToken ct)
    {
        entity.Contract = await db.Contracts.Include(c => c.Company).SingleOrDefaultAsync(c => c.Company!.Ticker == row.Ticker && c.Code == row.Contract, ct)
            ?? throw new FactRefusedException("contract", $"Contract {row.Ticker} {row.Contract} no longer exists.");
    }
}

internal sealed class TrancheHandler : FactHandler<Tranche, TrancheRow>
{
    public override AdminKind Kind => AdminKinds.Tranches;
    protected override EntityMap<Tranche> Map => EntityMaps.Tranches;
    protected override IQueryable<Tranche> Query(MinerPivotDbContext db) =>
        db.Tranches.Include(t => t.Company).Include(t => t.Site).Include(t => t.Contract);
    protected override Task<Tranche?> FindByKeyAsync(IQueryable<Tranche> query, TrancheRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(t => t.Company!.Ticker == row.Ticker && t.Code == row.Tranche, ct);
    protected override Tranche Create() => new() { Code = "", Customer = "", Source = "" };

    protected override async Task ApplyAsync(MinerPivotDbContext db, Tranche entity, TrancheRow row, CancellationToken ct)
    {
        var company = await CompanyAsync(db, row.Ticker, ct);
        entity.Company = company;
        entity.Site = await db.Sites.SingleOrDefaultAsync(s => s.CompanyId == company.Id && s.Name == row.Site, ct)
            ?? throw new FactRefusedException("site", $"Site {row.Site} of {row.Ticker} no longer exists.");
        entity.Contract = row.Contract is null ? null
            : await db.Contracts.SingleOrDefaultAsync(c => c.CompanyId == company.Id && c.Code == row.Contract, ct)
              ?? throw new FactRefusedException("contract", $"Contract {row.Contract} of {row.Ticker} no longer exists.");
        if (row.Contract is null)
        {
            entity.ContractId = null;
        }
    }

    protected override async Task<string?> DeleteRefusalAsync(MinerPivotDbContext db, Tranche t, CancellationToken ct)
    {
        var revisions = await db.RfsRevisions.CountAsync(r => r.TrancheId == t.Id, ct);
        return revisions == 0 ? null
            : $"Tranche {t.Code} has {(revisions == 1 ? "an RFS revision" : $"{revisions} RFS revisions")}, and revisions are never deleted. " +
              "Set its status to cancelled instead.";
    }
}

internal sealed class RfsRevisionHandler : FactHandler<RfsRevision, RfsRevisionRow>
{
    public override AdminKind Kind => AdminKinds.RfsRevisions;
    protected override EntityMap<RfsRevision> Map => EntityMaps.RfsRevisions;
    protected override IQueryable<RfsRevision> Query(MinerPivotDbContext db) => db.RfsRevisions.Include(r => r.Tranche!).ThenInclude(t => t.Company);
    protected override Task<RfsRevision?> FindByKeyAsync(IQueryable<RfsRevision> query, RfsRevisionRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(r => r.Tranche!.Company!.Ticker == row.Ticker && r.Tranche.Code == row.Tranche && r.AnnouncedOn == row.AnnouncedOn, ct);
    protected override RfsRevision Create() => new() { Source = "" };

    protected override string UpdateRefusal =>
        "RFS revisions are append-only: to correct one, add a revision that withdraws it.";

    protected override Task<string?> DeleteRefusalAsync(MinerPivotDbContext db, RfsRevision r, CancellationToken ct) =>
        Task.FromResult<string?>("RFS revisions are never deleted: to correct one, add a revision that withdraws it.");

    protected override async Task ApplyAsync(MinerPivotDbContext db, RfsRevision entity, RfsRevisionRow row, CancellationToken ct)
    {
        entity.Tranche = await db.Tranches.Include(t => t.Company).SingleOrDefaultAsync(t => t.Company!.Ticker == row.Ticker && t.Code == row.Tranche, ct)
            ?? throw new FactRefusedException("tranche", $"Tranche {row.Ticker} {row.Tranche} no longer exists.");
    }
}

internal sealed class QuarterHandler : FactHandler<QuarterlyFigure, QuarterlyRow>
{
    public override AdminKind Kind => AdminKinds.Quarters;
    protected override EntityMap<QuarterlyFigure> Map => EntityMaps.Quarterly;
    protected override IQueryable<QuarterlyFigure> Query(MinerPivotDbContext db) => db.QuarterlyFigures.Include(q => q.Company);
    protected override Task<QuarterlyFigure?> FindByKeyAsync(IQueryable<QuarterlyFigure> query, QuarterlyRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(q => q.Company!.Ticker == row.Ticker && q.PeriodEnd == row.PeriodEnd, ct);
    protected override QuarterlyFigure Create() => new() { FiscalLabel = "", Source = "" };

    protected override async Task ApplyAsync(MinerPivotDbContext db, QuarterlyFigure entity, QuarterlyRow row, CancellationToken ct)
    {
        entity.Company = await CompanyAsync(db, row.Ticker, ct);
    }
}

internal sealed class BtcPriceHandler : FactHandler<BtcPrice, BtcPriceRow>
{
    public override AdminKind Kind => AdminKinds.Prices;
    protected override EntityMap<BtcPrice> Map => EntityMaps.BtcPrices;
    protected override IQueryable<BtcPrice> Query(MinerPivotDbContext db) => db.BtcPrices;

    protected override Task<BtcPrice?> FindAsync(IQueryable<BtcPrice> query, string id, CancellationToken ct) =>
        DateOnly.TryParseExact(id, ImportFormat.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? query.SingleOrDefaultAsync(p => p.Date == date, ct)
            : Task.FromResult<BtcPrice?>(null);

    protected override Task<BtcPrice?> FindByKeyAsync(IQueryable<BtcPrice> query, BtcPriceRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(p => p.Date == row.Date, ct);
    protected override string IdOf(BtcPrice entity) => ImportValueFormat.Date(entity.Date);
    protected override BtcPrice Create() => new() { Source = "" };

    protected override Task ApplyAsync(MinerPivotDbContext db, BtcPrice entity, BtcPriceRow row, CancellationToken ct)
    {
        // The date is the table's primary key.
        if (db.Entry(entity).State != EntityState.Added && entity.Date != row.Date)
        {
            throw new FactRefusedException("date", "The date of a stored price cannot change: add the price for the right date and delete this one.");
        }
        return Task.CompletedTask;
    }
}

internal sealed class TargetHandler : FactHandler<Target, TargetRow>
{
    public override AdminKind Kind => AdminKinds.Targets;
    protected override EntityMap<Target> Map => EntityMaps.Targets;
    protected override IQueryable<Target> Query(MinerPivotDbContext db) => db.Targets.Include(t => t.Company);
    protected override Task<Target?> FindByKeyAsync(IQueryable<Target> query, TargetRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(t => t.Company!.Ticker == row.Ticker && t.Kind == row.Kind && t.Deadline == row.Deadline, ct);
    protected override Target Create() => new() { Source = "" };

    protected override async Task ApplyAsync(MinerPivotDbContext db, Target entity, TargetRow row, CancellationToken ct)
    {
        entity.Company = await CompanyAsync(db, row.Ticker, ct);
    }
}

internal sealed class IndicatorHandler : FactHandler<IndicatorValue, IndicatorRow>
{
    public override AdminKind Kind => AdminKinds.Indicators;
    protected override EntityMap<IndicatorValue> Map => EntityMaps.Indicators;
    protected override IQueryable<IndicatorValue> Query(MinerPivotDbContext db) => db.IndicatorValues;
    protected override Task<IndicatorValue?> FindByKeyAsync(IQueryable<IndicatorValue> query, IndicatorRow row, CancellationToken ct) =>
        query.SingleOrDefaultAsync(i => i.Series == row.Series && i.Date == row.Date, ct);
    protected override IndicatorValue Create() => new() { Series = "", Unit = "", Source = "" };

}

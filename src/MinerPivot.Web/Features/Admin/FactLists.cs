using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.Data.Import;

namespace MinerPivot.Web.Features.Admin;

/// <summary>
/// A list page's state, as its address carries it: filter (a ticker; a series for indicators; a year for prices),
/// sort column (a column of the import file) and direction, page (from 1).
/// </summary>
public sealed record ListQuery(string? Filter = null, string? Sort = null, bool Desc = false, int Page = 1);

public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record ListItem<TRow>(string Id, uint Version, TRow Row);

public sealed record CompanyListItem(string Id, uint Version, CompanyRow Row, int Sites, int Contracts, int Tranches, int Quarters);

public sealed record ContractListItem(string Id, uint Version, ContractRow Row, int Events, int Tranches);

public sealed record TrancheListItem(string Id, uint Version, TrancheRow Row, DateOnly? BaselineRfs, DateOnly? CurrentRfs, int Revisions);

/// <summary>The list pages' reads: filtered, sorted and paged in the database.</summary>
public sealed class FactLists(IDbContextFactory<MinerPivotDbContext> dbFactory)
{
    public const int PageSize = 25;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public async Task<ListPage<CompanyListItem>> CompaniesAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Companies.AsNoTracking().Where(c => q.Filter == null || c.Ticker == q.Filter);
        var sorted = q.Sort switch
        {
            "name" => Order(query, c => c.Name, q.Desc),
            "fiscal_year_end_month" => Order(query, c => c.FiscalYearEndMonth, q.Desc),
            _ => Order(query, c => c.Ticker, q.Desc),
        };
        var page = await PageAsync(sorted.ThenBy(c => c.Id), q, c => new { Entity = c, Sites = c.Sites.Count, Contracts = c.Contracts.Count,
            Tranches = c.Tranches.Count, Quarters = c.Quarters.Count }, ct);
        return await RowsAsync(db, EntityMaps.Companies, page, x => x.Entity, (x, row) => new CompanyListItem(Id(x.Entity.Id), x.Entity.Version,
            (CompanyRow)row, x.Sites, x.Contracts, x.Tranches, x.Quarters), ct);
    }

    public async Task<ListPage<ListItem<SiteRow>>> SitesAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Sites.AsNoTracking().Where(s => q.Filter == null || s.Company!.Ticker == q.Filter);
        var sorted = q.Sort switch
        {
            "location" => Order(query, s => s.Location, q.Desc),
            "acquired_on" => Order(query, s => s.AcquiredOn, q.Desc),
            "gross_mw" => Order(query, s => s.GrossMw, q.Desc),
            "critical_it_mw" => Order(query, s => s.CriticalItMw, q.Desc),
            "site" => Order(query, s => s.Name, q.Desc),
            _ => Order(query, s => s.Company!.Ticker, q.Desc).ThenBy(s => s.Name),
        };
        return await RowsAsync(db, EntityMaps.Sites, await PageAsync(sorted.ThenBy(s => s.Id), q, s => s, ct), s => s,
            (s, row) => new ListItem<SiteRow>(Id(s.Id), s.Version, (SiteRow)row), ct);
    }

    public async Task<ListPage<ContractListItem>> ContractsAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Contracts.AsNoTracking().Where(c => q.Filter == null || c.Company!.Ticker == q.Filter);
        var sorted = q.Sort switch
        {
            "customer" => Order(query, c => c.Customer, q.Desc),
            "contracted_mw" => Order(query, c => c.ContractedMw, q.Desc),
            "annualized_revenue_usd" => Order(query, c => c.AnnualizedRevenueUsd, q.Desc),
            "signed_on" => Order(query, c => c.SignedOn, q.Desc),
            "full_delivery_by" => Order(query, c => c.FullDeliveryBy, q.Desc),
            "kind" => Order(query, c => c.Kind, q.Desc),
            "contract" => Order(query, c => c.Code, q.Desc),
            _ => Order(query, c => c.Company!.Ticker, q.Desc).ThenBy(c => c.Code),
        };
        var page = await PageAsync(sorted.ThenBy(c => c.Id), q, c => new { Entity = c, Events = c.Events.Count, Tranches = c.Tranches.Count }, ct);
        return await RowsAsync(db, EntityMaps.Contracts, page, x => x.Entity,
            (x, row) => new ContractListItem(Id(x.Entity.Id), x.Entity.Version, (ContractRow)row, x.Events, x.Tranches), ct);
    }

    public async Task<ListPage<TrancheListItem>> TranchesAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Tranches.AsNoTracking().Where(t => q.Filter == null || t.Company!.Ticker == q.Filter);
        var sorted = q.Sort switch
        {
            "site" => Order(query, t => t.Site!.Name, q.Desc),
            "customer" => Order(query, t => t.Customer, q.Desc),
            "critical_it_mw" => Order(query, t => t.CriticalItMw, q.Desc),
            "status" => Order(query, t => t.Status, q.Desc),
            "actual_rfs" => Order(query, t => t.ActualRfs, q.Desc),
            "rfs_date" => Order(query, t => t.Revisions.OrderByDescending(r => r.AnnouncedOn).Select(r => (DateOnly?)r.RfsDate).FirstOrDefault(), q.Desc),
            "tranche" => Order(query, t => t.Code, q.Desc),
            _ => Order(query, t => t.Company!.Ticker, q.Desc).ThenBy(t => t.Code),
        };
        var page = await PageAsync(sorted.ThenBy(t => t.Id), q, t => new
        {
            Entity = t,
            Baseline = t.Revisions.OrderBy(r => r.AnnouncedOn).Select(r => (DateOnly?)r.RfsDate).FirstOrDefault(),
            Current = t.Revisions.OrderByDescending(r => r.AnnouncedOn).Select(r => (DateOnly?)r.RfsDate).FirstOrDefault(),
            Revisions = t.Revisions.Count,
        }, ct);
        return await RowsAsync(db, EntityMaps.Tranches, page, x => x.Entity,
            (x, row) => new TrancheListItem(Id(x.Entity.Id), x.Entity.Version, (TrancheRow)row, x.Baseline, x.Current, x.Revisions), ct);
    }

    public async Task<ListPage<ListItem<QuarterlyRow>>> QuartersAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.QuarterlyFigures.AsNoTracking().Where(x => q.Filter == null || x.Company!.Ticker == q.Filter);
        var sorted = q.Sort switch
        {
            "ticker" => Order(query, x => x.Company!.Ticker, q.Desc).ThenByDescending(x => x.PeriodEnd),
            "period_end" => Order(query, x => x.PeriodEnd, q.Desc),
            "reported_on" => Order(query, x => x.ReportedOn, q.Desc),
            "colocation_revenue_usd" => Order(query, x => x.ColocationRevenueUsd, q.Desc),
            "mining_revenue_usd" => Order(query, x => x.MiningRevenueUsd, q.Desc),
            "billable_mw" => Order(query, x => x.BillableMw, q.Desc),
            "contracted_mw" => Order(query, x => x.ContractedMw, q.Desc),
            _ => Order(query, x => x.PeriodEnd, desc: !q.Desc).ThenBy(x => x.Company!.Ticker),
        };
        return await RowsAsync(db, EntityMaps.Quarterly, await PageAsync(sorted.ThenBy(x => x.Id), q, x => x, ct), x => x,
            (x, row) => new ListItem<QuarterlyRow>(Id(x.Id), x.Version, (QuarterlyRow)row), ct);
    }

    public async Task<ListPage<ListItem<BtcPriceRow>>> PricesAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var year = int.TryParse(q.Filter, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 0 and < 10000 ? y : (int?)null;
        var query = db.BtcPrices.AsNoTracking();
        if (year is { } from)
        {
            query = query.Where(p => p.Date >= new DateOnly(from, 1, 1) && p.Date <= new DateOnly(from, 12, 31));
        }
        var sorted = q.Sort switch
        {
            "close_usd" => Order(query, p => p.CloseUsd, q.Desc),
            _ => Order(query, p => p.Date, desc: q.Sort == "date" ? q.Desc : !q.Desc),
        };
        return await RowsAsync(db, EntityMaps.BtcPrices, await PageAsync(sorted.ThenBy(p => p.Date), q, p => p, ct), p => p,
            (p, row) => new ListItem<BtcPriceRow>(ImportValueFormat.Date(p.Date), p.Version, (BtcPriceRow)row), ct);
    }

    public async Task<ListPage<ListItem<TargetRow>>> TargetsAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Targets.AsNoTracking().Where(t => q.Filter == null || t.Company!.Ticker == q.Filter);
        var sorted = q.Sort switch
        {
            "kind" => Order(query, t => t.Kind, q.Desc),
            "target_value" => Order(query, t => t.TargetValue, q.Desc),
            "deadline" => Order(query, t => t.Deadline, q.Desc),
            "announced_on" => Order(query, t => t.AnnouncedOn, q.Desc),
            _ => Order(query, t => t.Company!.Ticker, q.Desc).ThenBy(t => t.Deadline),
        };
        return await RowsAsync(db, EntityMaps.Targets, await PageAsync(sorted.ThenBy(t => t.Id), q, t => t, ct), t => t,
            (t, row) => new ListItem<TargetRow>(Id(t.Id), t.Version, (TargetRow)row), ct);
    }

    public async Task<ListPage<ListItem<IndicatorRow>>> IndicatorsAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.IndicatorValues.AsNoTracking().Where(i => q.Filter == null || i.Series == q.Filter);
        var sorted = q.Sort switch
        {
            "date" => Order(query, i => i.Date, q.Desc),
            "value" => Order(query, i => i.Value, q.Desc),
            "unit" => Order(query, i => i.Unit, q.Desc),
            _ => Order(query, i => i.Series, q.Desc).ThenByDescending(i => i.Date),
        };
        return await RowsAsync(db, EntityMaps.Indicators, await PageAsync(sorted.ThenBy(i => i.Id), q, i => i, ct), i => i,
            (i, row) => new ListItem<IndicatorRow>(Id(i.Id), i.Version, (IndicatorRow)row), ct);
    }

    /// <summary>A contract's events, oldest first: the page of one contract shows them all.</summary>
    public async Task<IReadOnlyList<ListItem<ContractEventRow>>> EventsOfAsync(string contractId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = int.TryParse(contractId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var events = await db.ContractEvents.AsNoTracking().Where(e => e.ContractId == id).OrderBy(e => e.EventOn).ThenBy(e => e.Id).ToListAsync(ct);
        var names = await ParentNames.LoadAsync(db, ct);
        return [.. events.Select(e => new ListItem<ContractEventRow>(Id(e.Id), 0, (ContractEventRow)EntityMaps.ContractEvents.ToRow(e, names, db.Model)))];
    }

    /// <summary>A tranche's RFS revisions in the order they were announced (the first is the baseline).</summary>
    public async Task<IReadOnlyList<ListItem<RfsRevisionRow>>> RevisionsOfAsync(string trancheId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = int.TryParse(trancheId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var revisions = await db.RfsRevisions.AsNoTracking().Where(r => r.TrancheId == id).OrderBy(r => r.AnnouncedOn).ToListAsync(ct);
        var names = await ParentNames.LoadAsync(db, ct);
        return [.. revisions.Select(r => new ListItem<RfsRevisionRow>(Id(r.Id), 0, (RfsRevisionRow)EntityMaps.RfsRevisions.ToRow(r, names, db.Model)))];
    }

    /// <summary>The id of the quarter already stored for this company and period end, if any.</summary>
    public async Task<string?> QuarterIdAsync(string ticker, DateOnly periodEnd, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.QuarterlyFigures.AsNoTracking().Where(q => q.Company!.Ticker == ticker && q.PeriodEnd == periodEnd)
            .Select(q => (int?)q.Id).SingleOrDefaultAsync(ct);
        return id is { } n ? Id(n) : null;
    }

    public async Task<IReadOnlyList<string>> TickersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Companies.AsNoTracking().OrderBy(c => c.Ticker).Select(c => c.Ticker).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<string>> SeriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IndicatorValues.AsNoTracking().Select(i => i.Series).Distinct().OrderBy(s => s).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<int>> PriceYearsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BtcPrices.AsNoTracking().Select(p => p.Date.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
    }

    /// <summary>How many rows each listed kind holds, for the admin home.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = new Dictionary<string, int>();
        foreach (var kind in AdminKinds.All)
        {
            counts[kind.Slug] = await EntityMaps.Of(kind.Fact).CountAsync(db, ct);
        }
        return counts;
    }

    /// <summary>Orders by a column; an empty (not reported) value comes last in either direction.</summary>
    private static IOrderedQueryable<T> Order<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key, bool desc)
    {
        if (default(TKey) is null)
        {
            var isNull = Expression.Lambda<Func<T, bool>>(Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey))), key.Parameters);
            var ordered = query.OrderBy(isNull);
            return desc ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
        }
        return desc ? query.OrderByDescending(key) : query.OrderBy(key);
    }

    /// <summary>A page of stored entities as the catalog's rows (read through the kind's entity map), with what else the list shows.</summary>
    private static async Task<ListPage<TItem>> RowsAsync<TEntity, TProjected, TItem>(MinerPivotDbContext db, EntityMap<TEntity> map,
        ListPage<TProjected> page, Func<TProjected, TEntity> entity, Func<TProjected, ImportRow, TItem> item, CancellationToken ct) where TEntity : class
    {
        var names = await ParentNames.LoadAsync(db, ct);
        return new ListPage<TItem>([.. page.Items.Select(x => item(x, map.ToRow(entity(x), names, db.Model)))], page.Total, page.Page, page.PageSize);
    }

    private static async Task<ListPage<TItem>> PageAsync<T, TItem>(IOrderedQueryable<T> query, ListQuery q, Expression<Func<T, TItem>> select,
        CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(q.Page, 1, pageCount);
        var items = await query.Skip((page - 1) * PageSize).Take(PageSize).Select(select).ToListAsync(ct);
        return new ListPage<TItem>(items, total, page, PageSize);
    }
}

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

/// <summary>A row of a list page: what the catalog's list table shows and links to.</summary>
public interface IFactListItem
{
    string Id { get; }
    uint Version { get; }
    ImportRow Row { get; }
}

public sealed record ListItem<TRow>(string Id, uint Version, TRow Row) : IFactListItem where TRow : ImportRow
{
    ImportRow IFactListItem.Row => Row;
}

public sealed record CompanyListItem(string Id, uint Version, CompanyRow Row, int Sites, int Contracts, int Tranches, int Quarters) : IFactListItem
{
    ImportRow IFactListItem.Row => Row;
}

public sealed record ContractListItem(string Id, uint Version, ContractRow Row, int Events, int Tranches) : IFactListItem
{
    ImportRow IFactListItem.Row => Row;
}

public sealed record TrancheListItem(string Id, uint Version, TrancheRow Row, DateOnly? BaselineRfs, DateOnly? CurrentRfs, int Revisions) : IFactListItem
{
    ImportRow IFactListItem.Row => Row;
}

/// <summary>The list pages' reads: filtered, sorted and paged in the database.</summary>
public sealed class FactLists(IDbContextFactory<MinerPivotDbContext> dbFactory)
{
    public const int PageSize = 25;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public async Task<ListPage<CompanyListItem>> CompaniesAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Companies.AsNoTracking().Where(c => q.Filter == null || c.Ticker == q.Filter);
        var sorted = Sorted(query, db, EntityMaps.Companies, AdminKinds.Companies, q);
        var page = await PageAsync(sorted.ThenBy(c => c.Id), q, c => new { Entity = c, Sites = c.Sites.Count, Contracts = c.Contracts.Count,
            Tranches = c.Tranches.Count, Quarters = c.Quarters.Count }, ct);
        return await RowsAsync(db, EntityMaps.Companies, page, x => x.Entity, (x, row) => new CompanyListItem(Id(x.Entity.Id), x.Entity.Version,
            (CompanyRow)row, x.Sites, x.Contracts, x.Tranches, x.Quarters), ct);
    }

    public async Task<ListPage<ListItem<SiteRow>>> SitesAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Sites.AsNoTracking().Where(s => q.Filter == null || s.Company!.Ticker == q.Filter);
        var sorted = Sorted(query, db, EntityMaps.Sites, AdminKinds.Sites, q);
        return await RowsAsync(db, EntityMaps.Sites, await PageAsync(sorted.ThenBy(s => s.Id), q, s => s, ct), s => s,
            (s, row) => new ListItem<SiteRow>(Id(s.Id), s.Version, (SiteRow)row), ct);
    }

    public async Task<ListPage<ContractListItem>> ContractsAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Contracts.AsNoTracking().Where(c => q.Filter == null || c.Company!.Ticker == q.Filter);
        var sorted = Sorted(query, db, EntityMaps.Contracts, AdminKinds.Contracts, q);
        var page = await PageAsync(sorted.ThenBy(c => c.Id), q, c => new { Entity = c, Events = c.Events.Count, Tranches = c.Tranches.Count }, ct);
        return await RowsAsync(db, EntityMaps.Contracts, page, x => x.Entity,
            (x, row) => new ContractListItem(Id(x.Entity.Id), x.Entity.Version, (ContractRow)row, x.Events, x.Tranches), ct);
    }

    public async Task<ListPage<TrancheListItem>> TranchesAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Tranches.AsNoTracking().Where(t => q.Filter == null || t.Company!.Ticker == q.Filter);
        var sorted = Sorted(query, db, EntityMaps.Tranches, AdminKinds.Tranches, q, TrancheSorts);
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
        var sorted = Sorted(query, db, EntityMaps.Quarterly, AdminKinds.Quarters, q);
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
        var sorted = Sorted(query, db, EntityMaps.BtcPrices, AdminKinds.Prices, q);
        return await RowsAsync(db, EntityMaps.BtcPrices, await PageAsync(sorted, q, p => p, ct), p => p,
            (p, row) => new ListItem<BtcPriceRow>(ImportValueFormat.Date(p.Date), p.Version, (BtcPriceRow)row), ct);
    }

    public async Task<ListPage<ListItem<TargetRow>>> TargetsAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Targets.AsNoTracking().Where(t => q.Filter == null || t.Company!.Ticker == q.Filter);
        var sorted = Sorted(query, db, EntityMaps.Targets, AdminKinds.Targets, q);
        return await RowsAsync(db, EntityMaps.Targets, await PageAsync(sorted.ThenBy(t => t.Id), q, t => t, ct), t => t,
            (t, row) => new ListItem<TargetRow>(Id(t.Id), t.Version, (TargetRow)row), ct);
    }

    public async Task<ListPage<ListItem<IndicatorRow>>> IndicatorsAsync(ListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.IndicatorValues.AsNoTracking().Where(i => q.Filter == null || i.Series == q.Filter);
        var sorted = Sorted(query, db, EntityMaps.Indicators, AdminKinds.Indicators, q);
        return await RowsAsync(db, EntityMaps.Indicators, await PageAsync(sorted.ThenBy(i => i.Id), q, i => i, ct), i => i,
            (i, row) => new ListItem<IndicatorRow>(Id(i.Id), i.Version, (IndicatorRow)row), ct);
    }

    /// <summary>The list of any listed kind, as its page shows it.</summary>
    public async Task<ListPage<IFactListItem>> ListAsync(AdminKind kind, ListQuery q, CancellationToken ct = default)
    {
        static ListPage<IFactListItem> Items<T>(ListPage<T> page) where T : IFactListItem =>
            new([.. page.Items.Cast<IFactListItem>()], page.Total, page.Page, page.PageSize);
        return kind.Slug switch
        {
            "companies" => Items(await CompaniesAsync(q, ct)),
            "sites" => Items(await SitesAsync(q, ct)),
            "contracts" => Items(await ContractsAsync(q, ct)),
            "tranches" => Items(await TranchesAsync(q, ct)),
            "quarters" => Items(await QuartersAsync(q, ct)),
            "prices" => Items(await PricesAsync(q, ct)),
            "targets" => Items(await TargetsAsync(q, ct)),
            "indicators" => Items(await IndicatorsAsync(q, ct)),
            _ => throw new ArgumentException($"{kind.Slug} has no list.", nameof(kind)),
        };
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

    /// <summary>The tranche list also sorts by the current RFS date, the latest revision's, which is not a column of tranches.csv.</summary>
    private static readonly IReadOnlyDictionary<string, LambdaExpression> TrancheSorts = new Dictionary<string, LambdaExpression>
    {
        ["rfs_date"] = (Expression<Func<Tranche, DateOnly?>>)(t => t.Revisions.OrderByDescending(r => r.AnnouncedOn).Select(r => (DateOnly?)r.RfsDate).FirstOrDefault()),
    };

    /// <summary>
    /// Sorts by the chosen column of the kind (its query path from the entity map) and then by the kind's list order;
    /// with no (known) column chosen, by the list order, the first key reversed by <c>desc</c>.
    /// </summary>
    private static IOrderedQueryable<T> Sorted<T>(IQueryable<T> query, MinerPivotDbContext db, EntityMap<T> map, AdminKind kind, ListQuery q,
        IReadOnlyDictionary<string, LambdaExpression>? more = null) where T : class
    {
        IOrderedQueryable<T>? sorted = null;
        if (q.Sort is { } chosen && (kind.Fact.Has(chosen) || more?.ContainsKey(chosen) == true))
        {
            sorted = Order(query, more?.GetValueOrDefault(chosen) ?? map.Path(chosen, db.Model), q.Desc, sorted);
        }
        foreach (var (column, desc) in kind.ListOrder)
        {
            sorted = Order(query, map.Path(column, db.Model), sorted is null ? desc != q.Desc : desc, sorted);
        }
        return sorted ?? throw new InvalidOperationException($"{kind.Slug} has no list order.");
    }

    /// <summary>Orders (or, after <paramref name="then"/>, orders further) by a key; an empty (not reported) value comes last in either direction.</summary>
    private static IOrderedQueryable<T> Order<T>(IQueryable<T> query, LambdaExpression key, bool desc, IOrderedQueryable<T>? then)
    {
        var type = key.Body.Type;
        if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null)
        {
            then = Call(then ?? query, then is null ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy),
                Expression.Lambda(Expression.Equal(key.Body, Expression.Constant(null, type)), key.Parameters));
        }
        var method = then is null ? desc ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy)
            : desc ? nameof(Queryable.ThenByDescending) : nameof(Queryable.ThenBy);
        return Call(then ?? query, method, key);
    }

    private static IOrderedQueryable<T> Call<T>(IQueryable<T> query, string method, LambdaExpression key) =>
        (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(
            Expression.Call(typeof(Queryable), method, [typeof(T), key.Body.Type], query.Expression, Expression.Quote(key)));

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

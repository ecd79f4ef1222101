using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;

namespace MinerPivot.Data.Import;

/// <summary>The ticker and codes of the parent rows by id, for rows that refer to them by id.</summary>
public sealed class ParentNames
{
    private readonly Dictionary<int, string> _tickers;
    private readonly Dictionary<int, string> _sites;
    private readonly Dictionary<int, (string Ticker, string Code)> _contracts;
    private readonly Dictionary<int, (string Ticker, string Code)> _tranches;

    private ParentNames(Dictionary<int, string> tickers, Dictionary<int, string> sites, Dictionary<int, (string, string)> contracts,
        Dictionary<int, (string, string)> tranches)
    {
        _tickers = tickers;
        _sites = sites;
        _contracts = contracts;
        _tranches = tranches;
    }

    public static async Task<ParentNames> LoadAsync(MinerPivotDbContext db, CancellationToken ct)
    {
        var tickers = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Ticker, ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var contracts = await db.Contracts.AsNoTracking().Select(c => new { c.Id, c.CompanyId, c.Code }).ToListAsync(ct);
        var tranches = await db.Tranches.AsNoTracking().Select(t => new { t.Id, t.CompanyId, t.Code }).ToListAsync(ct);
        return new ParentNames(tickers, sites,
            contracts.ToDictionary(c => c.Id, c => (tickers[c.CompanyId], c.Code)),
            tranches.ToDictionary(t => t.Id, t => (tickers[t.CompanyId], t.Code)));
    }

    public string Ticker(int companyId) => _tickers[companyId];
    public string Site(int siteId) => _sites[siteId];
    public (string Ticker, string Code) Contract(int contractId) => _contracts[contractId];
    public (string Ticker, string Code) Tranche(int trancheId) => _tranches[trancheId];
}

/// <summary>
/// How one kind of the catalog is stored: its entity, and for the columns that are not a property of the same name
/// (a ticker stored as a company id, a site's name stored as Name) how they are read. Every other column maps to the
/// entity property whose database column has the column's name, so a new column needs no entry here.
/// </summary>
public abstract class EntityMap
{
    public abstract FactKind Kind { get; }
    public abstract Type EntityType { get; }

    /// <summary>
    /// Every stored row of this kind with its id (btc_prices, keyed by date, have none: 0); with a ticker, only that
    /// company's rows, filtered in SQL (kinds without a ticker column are global: all rows).
    /// </summary>
    public abstract Task<IReadOnlyList<(int Id, ImportRow Row)>> LoadAsync(MinerPivotDbContext db, ParentNames names, CancellationToken ct,
        string? ticker = null);

    /// <summary>How many rows are stored.</summary>
    public abstract Task<int> CountAsync(MinerPivotDbContext db, CancellationToken ct);

    /// <summary>The catalog columns stored in a property of the same column name, with that property (for COPY and for forms).</summary>
    public abstract IReadOnlyList<(FactColumn Column, IProperty Property)> PlainColumns(IModel model);

    /// <summary>
    /// A column's value as a query over the entity (a property, or for a reference the referred row's ticker or code),
    /// typed as stored, so that lists sort and filter by any column in SQL.
    /// </summary>
    public abstract LambdaExpression Path(string column, IModel model);

    /// <summary>Removes a boxing conversion, so that a path reads as its own type (EF sorts by the column, not by an object).</summary>
    protected static LambdaExpression Unboxed(LambdaExpression path) => Expression.Lambda(
        path.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert && path.Body.Type == typeof(object) ? convert.Operand : path.Body,
        path.Parameters);

    /// <summary>A value as PostgreSQL's COPY text reads it, through the property's value converter (enums as the model stores them).</summary>
    public static string? CopyText(IProperty property, object? value)
    {
        if (value is null)
        {
            return null;
        }
        var stored = property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
        return stored switch
        {
            null => null,
            string s => s,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => stored.ToString(),
        };
    }
}

public sealed class EntityMap<TEntity>(FactKind kind, Func<TEntity, int> id, IReadOnlyDictionary<string, string>? renamed = null,
    IReadOnlyDictionary<string, Resolved<TEntity>>? resolved = null) : EntityMap where TEntity : class
{
    private readonly IReadOnlyDictionary<string, string> _renamed = renamed ?? new Dictionary<string, string>();
    private readonly IReadOnlyDictionary<string, Resolved<TEntity>> _resolved = resolved ?? new Dictionary<string, Resolved<TEntity>>();
    private (IModel Model, IReadOnlyList<(FactColumn, IProperty)> Columns, Dictionary<string, IProperty> ByName)? _plain;

    public override FactKind Kind => kind;
    public override Type EntityType => typeof(TEntity);

    public int IdOf(TEntity entity) => id(entity);

    public ImportRow ToRow(TEntity entity, ParentNames names, IModel model)
    {
        PlainColumns(model);
        var plain = _plain!.Value.ByName;
        return kind.Create(column => _resolved.TryGetValue(column, out var resolve) ? resolve.Value(entity, names) : plain[column].PropertyInfo!.GetValue(entity));
    }

    /// <summary>Sets the plain columns' properties from a row (the resolved ones, references by id, are the caller's).</summary>
    public void Apply(TEntity entity, ImportRow row, IModel model)
    {
        foreach (var (column, property) in PlainColumns(model))
        {
            property.PropertyInfo!.SetValue(entity, column.Get(row));
        }
    }

    public override async Task<IReadOnlyList<(int Id, ImportRow Row)>> LoadAsync(MinerPivotDbContext db, ParentNames names, CancellationToken ct,
        string? ticker = null)
    {
        var query = db.Set<TEntity>().AsNoTracking();
        if (ticker is not null && kind.Has("ticker"))
        {
            query = query.Where(OfCompany(ticker, db.Model));
        }
        var entities = await query.ToListAsync(ct);
        return [.. entities.Select(e => (id(e), ToRow(e, names, db.Model)))];
    }

    public override Task<int> CountAsync(MinerPivotDbContext db, CancellationToken ct) => db.Set<TEntity>().CountAsync(ct);

    public override LambdaExpression Path(string column, IModel model)
    {
        if (_resolved.TryGetValue(column, out var resolve))
        {
            return Unboxed(resolve.Path);
        }
        PlainColumns(model);
        var property = _plain!.Value.ByName.GetValueOrDefault(column) ?? throw new ArgumentException($"{kind.File} has no column {column}.", nameof(column));
        var entity = Expression.Parameter(typeof(TEntity), "e");
        return Expression.Lambda(Expression.Property(entity, property.PropertyInfo!), entity);
    }

    /// <summary>"Belongs to company <paramref name="ticker"/>", through the ticker column's path (kinds without one: every row).</summary>
    public Expression<Func<TEntity, bool>> OfCompany(string ticker, IModel model)
    {
        var path = Path("ticker", model);
        return Expression.Lambda<Func<TEntity, bool>>(
            Expression.Equal(path.Body, Expression.Property(Expression.Constant(new TickerParameter(ticker)), nameof(TickerParameter.Ticker))),
            path.Parameters);
    }

    /// <summary>Read through a member, as a captured variable is, so that EF sends the ticker as a parameter (one plan for every company).</summary>
    private sealed record TickerParameter(string Ticker);

    public override IReadOnlyList<(FactColumn Column, IProperty Property)> PlainColumns(IModel model)
    {
        if (_plain is { } cached && ReferenceEquals(cached.Model, model))
        {
            return cached.Columns;
        }
        var entityType = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var store = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var byColumn = entityType.GetProperties().ToDictionary(p => p.GetColumnName(store) ?? p.Name, StringComparer.Ordinal);
        var columns = kind.Columns.Where(c => !_resolved.ContainsKey(c.Name))
            .Select(c => (c, _renamed.TryGetValue(c.Name, out var property)
                ? entityType.FindProperty(property) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no property {property}.")
                : byColumn.GetValueOrDefault(c.Name) ?? throw new InvalidOperationException(
                    $"{kind.File} column {c.Name} has no property of that column name in {typeof(TEntity).Name}: add it to the entity and a migration.")))
            .ToList();
        _plain = (model, columns, columns.ToDictionary(c => c.c.Name, c => c.Item2, StringComparer.Ordinal));
        return columns;
    }
}

/// <summary>A column stored as a reference by id: its value read with the parent names in memory, and the same value as a query path.</summary>
public sealed record Resolved<TEntity>(Func<TEntity, ParentNames, object?> Value, Expression<Func<TEntity, object?>> Path);

/// <summary>The storage side of the catalog (<see cref="FactKinds"/>): one map per kind, in the same order.</summary>
public static class EntityMaps
{
    private static Dictionary<string, Resolved<T>> Resolve<T>(
        params (string Column, Func<T, ParentNames, object?> Value, Expression<Func<T, object?>> Path)[] columns) =>
        columns.ToDictionary(c => c.Column, c => new Resolved<T>(c.Value, c.Path), StringComparer.Ordinal);

    public static readonly EntityMap<Company> Companies = new(FactKinds.Companies, c => c.Id);

    public static readonly EntityMap<Site> Sites = new(FactKinds.Sites, s => s.Id,
        new Dictionary<string, string> { ["site"] = nameof(Site.Name) },
        Resolve<Site>(("ticker", (s, n) => n.Ticker(s.CompanyId), s => s.Company!.Ticker)));

    public static readonly EntityMap<Contract> Contracts = new(FactKinds.Contracts, c => c.Id,
        new Dictionary<string, string> { ["contract"] = nameof(Contract.Code) },
        Resolve<Contract>(("ticker", (c, n) => n.Ticker(c.CompanyId), c => c.Company!.Ticker)));

    public static readonly EntityMap<ContractEvent> ContractEvents = new(FactKinds.ContractEvents, e => e.Id,
        new Dictionary<string, string> { ["event"] = nameof(ContractEvent.Kind) },
        Resolve<ContractEvent>(("ticker", (e, n) => n.Contract(e.ContractId).Ticker, e => e.Contract!.Company!.Ticker),
            ("contract", (e, n) => n.Contract(e.ContractId).Code, e => e.Contract!.Code)));

    public static readonly EntityMap<Tranche> Tranches = new(FactKinds.Tranches, t => t.Id,
        new Dictionary<string, string> { ["tranche"] = nameof(Tranche.Code) },
        Resolve<Tranche>(("ticker", (t, n) => n.Ticker(t.CompanyId), t => t.Company!.Ticker), ("site", (t, n) => n.Site(t.SiteId), t => t.Site!.Name),
            ("contract", (t, n) => t.ContractId is { } c ? n.Contract(c).Code : null, t => t.Contract!.Code)));

    public static readonly EntityMap<RfsRevision> RfsRevisions = new(FactKinds.RfsRevisions, r => r.Id,
        resolved: Resolve<RfsRevision>(("ticker", (r, n) => n.Tranche(r.TrancheId).Ticker, r => r.Tranche!.Company!.Ticker),
            ("tranche", (r, n) => n.Tranche(r.TrancheId).Code, r => r.Tranche!.Code)));

    public static readonly EntityMap<QuarterlyFigure> Quarterly = new(FactKinds.Quarterly, q => q.Id,
        resolved: Resolve<QuarterlyFigure>(("ticker", (q, n) => n.Ticker(q.CompanyId), q => q.Company!.Ticker)));

    /// <summary>Keyed by its date: no id.</summary>
    public static readonly EntityMap<BtcPrice> BtcPrices = new(FactKinds.BtcPrices, _ => 0);

    public static readonly EntityMap<Target> Targets = new(FactKinds.Targets, t => t.Id,
        resolved: Resolve<Target>(("ticker", (t, n) => n.Ticker(t.CompanyId), t => t.Company!.Ticker)));

    public static readonly EntityMap<IndicatorValue> Indicators = new(FactKinds.Indicators, i => i.Id);

    public static IReadOnlyList<EntityMap> All { get; } =
        [Companies, Sites, Contracts, ContractEvents, Tranches, RfsRevisions, Quarterly, BtcPrices, Targets, Indicators];

    public static EntityMap Of(FactKind kind) => All.First(m => m.Kind == kind);
}

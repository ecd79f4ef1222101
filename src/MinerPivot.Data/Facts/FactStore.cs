using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Data.Facts;

/// <summary>
/// Companies' facts and the market series, read through one DbContext per call and kept in one bounded cache until
/// <see cref="FactChanges"/> says they changed. A call whose facts are cached touches no database; a change, saved by
/// any instance, expires them (see <see cref="FactChanges"/> for when). The facts are shared between callers, who only
/// read them (the engine does not modify what it is given).
/// </summary>
public sealed class FactStore : IDisposable
{
    private const string CompanyKey = "company:";
    private const string AllCompaniesKey = "companies";
    private const string MarketKey = "market";

    private readonly IDbContextFactory<MinerPivotDbContext> _dbFactory;
    private readonly FactChanges _changes;
    private readonly MemoryCache _cache;
    private readonly bool _cacheOff;

    public FactStore(IDbContextFactory<MinerPivotDbContext> dbFactory, FactChanges changes, IOptions<FactStoreOptions> options)
    {
        _dbFactory = dbFactory;
        _changes = changes;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CacheRowLimit) });
        _cacheOff = options.Value.CacheRowLimit == 0;
    }

    /// <summary>One company's facts (ticker as stored, upper-case), or null when there is no such company.</summary>
    public async Task<CompanyFacts?> GetCompanyAsync(string ticker, CancellationToken ct = default) =>
        TryGet(CompanyKey + ticker, out Box<CompanyFacts?>? cached) ? cached.Value
            : await ReadAsync(db => LoadCompanyAsync(db, ticker, ct), ct);

    /// <summary>One company's facts and the market series, read (when not cached) through one DbContext.</summary>
    public async Task<(CompanyFacts? Company, MarketFacts Market)> GetCompanyWithMarketAsync(string ticker, CancellationToken ct = default)
    {
        var hasCompany = TryGet(CompanyKey + ticker, out Box<CompanyFacts?>? company);
        var hasMarket = TryGet(MarketKey, out MarketFacts? market);
        if (hasCompany && hasMarket)
        {
            return (company!.Value, market!);
        }
        return await ReadAsync(async db => (
            hasCompany ? company!.Value : await LoadCompanyAsync(db, ticker, ct),
            hasMarket ? market! : await LoadMarketAsync(db, ct)), ct);
    }

    /// <summary>Every company's facts, ordered by ticker.</summary>
    public async Task<IReadOnlyList<CompanyFacts>> GetAllCompaniesAsync(CancellationToken ct = default) =>
        TryGet(AllCompaniesKey, out IReadOnlyList<CompanyFacts>? cached) ? cached
            : await ReadAsync(db => LoadAllCompaniesAsync(db, ct), ct);

    /// <summary>Every company's facts and the market series, read (when not cached) through one DbContext.</summary>
    public async Task<(IReadOnlyList<CompanyFacts> Companies, MarketFacts Market)> GetAllWithMarketAsync(CancellationToken ct = default)
    {
        var hasAll = TryGet(AllCompaniesKey, out IReadOnlyList<CompanyFacts>? all);
        var hasMarket = TryGet(MarketKey, out MarketFacts? market);
        if (hasAll && hasMarket)
        {
            return (all!, market!);
        }
        return await ReadAsync(async db => (
            hasAll ? all! : await LoadAllCompaniesAsync(db, ct),
            hasMarket ? market! : await LoadMarketAsync(db, ct)), ct);
    }

    /// <summary>The BTC closes and indicator series.</summary>
    public async Task<MarketFacts> GetMarketAsync(CancellationToken ct = default) =>
        TryGet(MarketKey, out MarketFacts? cached) ? cached : await ReadAsync(db => LoadMarketAsync(db, ct), ct);

    /// <summary>One company's facts read from the database now, bypassing the cache.</summary>
    public async Task<CompanyFacts?> ReadCompanyAsync(string ticker, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return FactsOf(await WithFacts(db).SingleOrDefaultAsync(c => c.Ticker == ticker, ct));
    }

    /// <summary>Every company's facts read from the database now, bypassing the cache; ordered by ticker.</summary>
    public async Task<IReadOnlyList<CompanyFacts>> ReadAllCompaniesAsync(CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return await ReadAllAsync(db, ct);
    }

    private async Task<T> ReadAsync<T>(Func<MinerPivotDbContext, Task<T>> read, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        // One connection for the whole read (the company's split queries and the market series), not one per query.
        await db.Database.OpenConnectionAsync(ct);
        return await read(db);
    }

    // Each loader takes its scope's change token before reading: a change committed during the read expires the entry.
    private async Task<CompanyFacts?> LoadCompanyAsync(MinerPivotDbContext db, string ticker, CancellationToken ct)
    {
        var token = _changes.CompanyToken;
        var facts = FactsOf(await WithFacts(db).SingleOrDefaultAsync(c => c.Ticker == ticker, ct));
        Set(CompanyKey + ticker, new Box<CompanyFacts?>(facts), facts is null ? 1 : RowsOf(facts), token);
        return facts;
    }

    private async Task<IReadOnlyList<CompanyFacts>> LoadAllCompaniesAsync(MinerPivotDbContext db, CancellationToken ct)
    {
        var token = _changes.CompanyToken;
        var all = await ReadAllAsync(db, ct);
        Set(AllCompaniesKey, all, Math.Max(1, all.Sum(RowsOf)), token);
        return all;
    }

    private async Task<MarketFacts> LoadMarketAsync(MinerPivotDbContext db, CancellationToken ct)
    {
        var token = _changes.MarketToken;
        var prices = await db.BtcPrices.AsNoTracking().ToListAsync(ct);
        var indicators = await db.IndicatorValues.AsNoTracking().ToListAsync(ct);
        var market = new MarketFacts(prices, indicators);
        Set(MarketKey, market, Math.Max(1, prices.Count + indicators.Count), token);
        return market;
    }

    private static async Task<IReadOnlyList<CompanyFacts>> ReadAllAsync(MinerPivotDbContext db, CancellationToken ct) =>
        (await WithFacts(db).OrderBy(c => c.Ticker).ToListAsync(ct)).Select(CompanyFacts.From).ToList();

    private static CompanyFacts? FactsOf(Company? company) => company is null ? null : CompanyFacts.From(company);

    // A company with every entity hanging off it, one query per collection whatever the number of companies.
    private static IQueryable<Company> WithFacts(MinerPivotDbContext db)
    {
        var query = db.Companies.AsNoTracking().AsSplitQuery();
        foreach (var path in FactModel.Of(db.Model).CompanyIncludes)
        {
            query = query.Include(path);
        }
        return query;
    }

    private static long RowsOf(CompanyFacts facts) =>
        1 + facts.Sites.Count + facts.Contracts.Sum(c => 1 + c.Events.Count) + facts.Tranches.Sum(t => 1 + t.Revisions.Count)
        + facts.Quarters.Count + facts.Targets.Count;

    private bool TryGet<T>(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value) where T : class
    {
        if (_cache.TryGetValue(key, out var found) && found is T typed)
        {
            value = typed;
            return true;
        }
        value = null;
        return false;
    }

    private void Set(string key, object value, long rows, IChangeToken? token)
    {
        // No token: the listener is not connected, so a change could go unheard; such reads are not kept.
        if (token is null || _cacheOff || token.HasChanged)
        {
            return;
        }
        using var entry = _cache.CreateEntry(key);
        entry.Value = value;
        entry.Size = rows;
        entry.AddExpirationToken(token);
    }

    public void Dispose() => _cache.Dispose();

    // Lets "no such company" be cached too.
    private sealed record Box<T>(T Value);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;
using MinerPivot.Data;

namespace MinerPivot.Web.Features.Signposts;

/// <summary>A company's evaluation with what a list of companies shows beside it.</summary>
/// <param name="Ticker">The company's ticker (upper-case).</param>
/// <param name="Name">The company's name.</param>
/// <param name="LatestPeriodEnd">Period end of the latest quarter reported by the as-of date, or null.</param>
/// <param name="LatestFiscalLabel">That quarter's own label (e.g. "Q1 2026"), or null.</param>
/// <param name="Evaluation">Signposts, tranche slips and verdict as of the date.</param>
public sealed record CompanySignposts(
    string Ticker,
    string Name,
    DateOnly? LatestPeriodEnd,
    string? LatestFiscalLabel,
    CompanyEvaluation Evaluation);

/// <summary>
/// Loads companies' facts and the market series from the database and evaluates the signposts with
/// <see cref="SignpostEngine"/>. Shared by the API and the pages; returns the engine's types.
/// </summary>
public sealed class SignpostService(
    IDbContextFactory<MinerPivotDbContext> dbFactory,
    TimeProvider time,
    IOptions<SignpostThresholds> thresholds,
    IMemoryCache cache)
{
    private const string MarketCacheKeyPrefix = "signposts:market:";

    // A fingerprint of every (key, xmin) pair: any insert, update or delete of a price or indicator changes it, so a
    // cached MarketFacts is reused only while the series are exactly as they were when it was loaded.
    private const string MarketVersionSql = """
        SELECT md5(
            coalesce((SELECT string_agg(date::text || '@' || xmin::text, ',' ORDER BY date) FROM btc_prices), '')
            || '|' ||
            coalesce((SELECT string_agg(id::text || '@' || xmin::text, ',' ORDER BY id) FROM indicator_values), ''))
        """;

    private const string FactsCacheKeyPrefix = "signposts:facts:";

    private static readonly string FactsVersionSql = "SELECT md5(concat_ws('|', " + string.Join(", ",
        new[] { "companies", "sites", "contracts", "contract_events", "tranches", "rfs_revisions", "quarterly_figures", "targets" }
            .Select(table => $"(SELECT count(*)::text || ':' || coalesce(string_agg(id::text || '@' || xmin::text, ',' ORDER BY id), '') FROM {table})")) + ")) AS \"Value\"";

    private readonly SignpostEngine _engine = new(thresholds.Value);

    /// <summary>Today's date in UTC, the default as-of date.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>One company's signposts as of <paramref name="asOf"/> (default today); null for an unknown ticker (any case).</summary>
    public async Task<CompanySignposts?> EvaluateAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var facts = await LoadFactsAsync(ticker, ct);
        if (facts is null)
        {
            return null;
        }
        var market = await GetMarketFactsAsync(ct);
        return Evaluate(facts, market, asOf ?? Today);
    }

    /// <summary>Every company's signposts as of <paramref name="asOf"/> (default today), ordered by ticker.</summary>
    public async Task<IReadOnlyList<CompanySignposts>> EvaluateAllAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        var all = await LoadAllFactsAsync(ct);
        var market = await GetMarketFactsAsync(ct);
        var date = asOf ?? Today;
        return all.Select(facts => Evaluate(facts, market, date)).ToList();
    }

    /// <summary>
    /// Every company's signposts at each of <paramref name="dates"/>, from one read of the facts: result[i] holds the
    /// evaluations at dates[i], ordered by ticker. The board uses it to say what moved between two dates.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<CompanySignposts>>> EvaluateAllAtAsync(IReadOnlyList<DateOnly> dates, CancellationToken ct = default)
    {
        var all = await LoadAllFactsCachedAsync(ct);
        var market = await GetMarketFactsAsync(ct);
        return dates.Select(date => (IReadOnlyList<CompanySignposts>)all.Select(facts => Evaluate(facts, market, date)).ToList()).ToList();
    }

    /// <summary>The thresholds the engine uses (e.g. how old a company's cash cost may be before the industry average applies).</summary>
    public SignpostThresholds Thresholds => _engine.Thresholds;

    /// <summary>All stored facts of one company (unfiltered; the engine applies the as-of rules), or null for an unknown ticker.</summary>
    public async Task<CompanyFacts?> LoadFactsAsync(string ticker, CancellationToken ct = default)
    {
        var normalized = NormalizeTicker(ticker);
        if (normalized is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = await WithFacts(db.Companies).SingleOrDefaultAsync(c => c.Ticker == normalized, ct);
        return company is null ? null : CompanyFacts.From(company);
    }

    /// <summary>All stored facts of every company, ordered by ticker.</summary>
    public async Task<IReadOnlyList<CompanyFacts>> LoadAllFactsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companies = await WithFacts(db.Companies).OrderBy(c => c.Ticker).ToListAsync(ct);
        return companies.Select(CompanyFacts.From).ToList();
    }

    /// <summary>
    /// Every company's facts, reused from memory while no company fact row was inserted, updated or deleted (the same
    /// fingerprint idea as the market series). The facts are only read by the engine, so sharing them is safe.
    /// </summary>
    public async Task<IReadOnlyList<CompanyFacts>> LoadAllFactsCachedAsync(CancellationToken ct = default)
    {
        string version;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            version = await db.Database.SqlQueryRaw<string>(FactsVersionSql).SingleAsync(ct);
        }
        var key = FactsCacheKeyPrefix + version;
        if (cache.TryGetValue(key, out IReadOnlyList<CompanyFacts>? cached) && cached is not null)
        {
            return cached;
        }
        var all = await LoadAllFactsAsync(ct);
        // Keyed by the version read before loading, so a concurrent change can only cause a reload, never a stale hit.
        cache.Set(key, all, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        return all;
    }

    /// <summary>BTC closes and indicator series, reused from memory while the stored series are unchanged.</summary>
    public async Task<MarketFacts> GetMarketFactsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        string version;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = MarketVersionSql;
            version = (string)(await command.ExecuteScalarAsync(ct))!;
        }
        var key = MarketCacheKeyPrefix + version;
        if (cache.TryGetValue(key, out MarketFacts? cached) && cached is not null)
        {
            return cached;
        }
        var prices = await db.BtcPrices.AsNoTracking().ToListAsync(ct);
        var indicators = await db.IndicatorValues.AsNoTracking().ToListAsync(ct);
        var market = new MarketFacts(prices, indicators);
        // Keyed by the version read before loading, so a concurrent change can only cause a reload, never a stale hit.
        cache.Set(key, market, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        return market;
    }

    /// <summary>Upper-cased ticker, or null when it cannot name a company.</summary>
    public static string? NormalizeTicker(string? ticker)
    {
        var t = ticker?.Trim();
        return string.IsNullOrEmpty(t) || t.Length > Limits.Ticker ? null : t.ToUpperInvariant();
    }

    private CompanySignposts Evaluate(CompanyFacts facts, MarketFacts market, DateOnly asOf)
    {
        var evaluation = _engine.Evaluate(facts, market, asOf);
        var latest = facts.Quarters.Where(q => q.ReportedOn <= asOf).MaxBy(q => q.PeriodEnd);
        return new CompanySignposts(facts.Company.Ticker, facts.Company.Name, latest?.PeriodEnd, latest?.FiscalLabel, evaluation);
    }

    // One query per collection whatever the number of companies (no N+1, no cartesian explosion).
    private static IQueryable<Company> WithFacts(IQueryable<Company> companies) => companies
        .AsNoTracking()
        .AsSplitQuery()
        .Include(c => c.Sites)
        .Include(c => c.Contracts).ThenInclude(k => k.Events)
        .Include(c => c.Tranches).ThenInclude(t => t.Revisions)
        .Include(c => c.Quarters)
        .Include(c => c.Targets);
}

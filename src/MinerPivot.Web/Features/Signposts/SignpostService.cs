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
/// <param name="Snapshot">The whole as-of picture the evaluation belongs to (quarters, tranches, contracts, targets, margin, rules).</param>
public sealed record CompanySignposts(
    string Ticker,
    string Name,
    DateOnly? LatestPeriodEnd,
    string? LatestFiscalLabel,
    CompanyEvaluation Evaluation,
    CompanySnapshot Snapshot);

/// <summary>
/// Loads companies' facts and the market series from the database and evaluates the signposts with
/// <see cref="SignpostEngine"/>. Shared by the API and the pages; returns the engine's types.
/// </summary>
public sealed class SignpostService(
    IDbContextFactory<MinerPivotDbContext> dbFactory,
    TimeProvider time,
    SignpostEngine engine,
    IMemoryCache cache,
    EvaluationFailures failures)
{
    private const string MarketCacheKeyPrefix = "signposts:market:";
    private const string FactsCacheKeyPrefix = "signposts:facts:";

    // Per table, the row count and the sum of the rows' xmin (the id of the transaction that wrote each row): an insert
    // or a delete changes the count, and a write gives the rows it touches its transaction's id, newer than the ids they
    // had, so the sum moves. A cached value is reused only while its tables are as they were when it was loaded.
    // (Hashing every key and xmin in order gave the same answers at twice the cost, paid on every request.)
    private const string MarketVersion = """
        (SELECT count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text FROM btc_prices)
            || '|' || (SELECT count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text FROM indicator_values)
        """;

    /// <summary>The version of the stored BTC closes and indicator values that cached market facts are checked against.</summary>
    public const string MarketVersionSql = "SELECT " + MarketVersion;

    // The version of one company's facts (its id, and per table of its facts as in MarketVersion) and the market
    // version: one round trip tells whether the cached facts and market series may be reused. No row: no such company.
    private const string CompanyVersionSql = """
        SELECT concat_ws('|', c.id::text, c.xmin::text,
                (SELECT count(*)::text || ':' || coalesce(sum(x.xmin::text::bigint), 0)::text FROM sites x WHERE x.company_id = c.id),
                (SELECT count(*)::text || ':' || coalesce(sum(x.xmin::text::bigint), 0)::text FROM contracts x WHERE x.company_id = c.id),
                (SELECT count(*)::text || ':' || coalesce(sum(x.xmin::text::bigint), 0)::text
                    FROM contract_events x JOIN contracts k ON k.id = x.contract_id WHERE k.company_id = c.id),
                (SELECT count(*)::text || ':' || coalesce(sum(x.xmin::text::bigint), 0)::text FROM tranches x WHERE x.company_id = c.id),
                (SELECT count(*)::text || ':' || coalesce(sum(x.xmin::text::bigint), 0)::text
                    FROM rfs_revisions x JOIN tranches t ON t.id = x.tranche_id WHERE t.company_id = c.id),
                (SELECT count(*)::text || ':' || coalesce(sum(x.xmin::text::bigint), 0)::text FROM quarterly_figures x WHERE x.company_id = c.id),
                (SELECT count(*)::text || ':' || coalesce(sum(x.xmin::text::bigint), 0)::text FROM targets x WHERE x.company_id = c.id)),
        """ + MarketVersion + """

        FROM companies c
        WHERE c.ticker = @ticker
        """;

    private const string AllFactsCacheKeyPrefix = "signposts:all-facts:";

    // The version of every company's facts, per table as in MarketVersion; the comment names the query in logs and tests.
    private static readonly string AllFactsVersionSql = "/* all company facts version */ SELECT concat_ws('|', " + string.Join(", ",
        new[] { "companies", "sites", "contracts", "contract_events", "tranches", "rfs_revisions", "quarterly_figures", "targets" }
            .Select(table => $"(SELECT count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text FROM {table})")) + ") AS \"Value\"";

    private static readonly MemoryCacheEntryOptions CacheEntry = new() { SlidingExpiration = TimeSpan.FromMinutes(10) };


    /// <summary>Today's date in UTC, the default as-of date.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>One company's signposts as of <paramref name="asOf"/> (default today); null for an unknown ticker (any case).</summary>
    /// <remarks>
    /// The company's facts and the market series are kept in memory and reused while the rows they came from are
    /// unchanged, which one query checks on every call; so a request with nothing changed is one round trip, and any
    /// change to the database is seen by the next call. The engine does not modify the facts it is given, so cached
    /// facts are shared safely (they never leave this class).
    /// </remarks>
    public async Task<CompanySignposts?> EvaluateAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var normalized = NormalizeTicker(ticker);
        if (normalized is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        string factsVersion, marketVersion;
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = CompanyVersionSql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "ticker";
            parameter.Value = normalized;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }
            factsVersion = reader.GetString(0);
            marketVersion = reader.GetString(1);
        }

        var factsKey = FactsCacheKeyPrefix + normalized;
        CompanyFacts facts;
        if (cache.TryGetValue(factsKey, out (string Version, CompanyFacts Facts) cached) && cached.Version == factsVersion)
        {
            facts = cached.Facts;
        }
        else
        {
            var company = await WithFacts(db.Companies).SingleOrDefaultAsync(c => c.Ticker == normalized, ct);
            if (company is null)
            {
                return null;
            }
            facts = CompanyFacts.From(company);
            // Stored with the version read before loading, so a concurrent change can only cause a reload, never a stale hit.
            cache.Set(factsKey, (factsVersion, facts), CacheEntry);
        }
        var market = await GetMarketFactsAsync(db, marketVersion, ct);
        return Evaluate(facts, market, asOf ?? Today);
    }

    /// <summary>Every company's signposts as of <paramref name="asOf"/> (default today), ordered by ticker.</summary>
    public async Task<IReadOnlyList<CompanySignposts>> EvaluateAllAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        var loadAll = LoadAllFactsAsync(ct);
        var loadMarket = GetMarketFactsAsync(ct);
        await Task.WhenAll(loadAll, loadMarket);
        var date = asOf ?? Today;
        return loadAll.Result.Select(facts => Evaluate(facts, loadMarket.Result, date)).ToList();
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
    public SignpostThresholds Thresholds => engine.Thresholds;

    /// <summary>
    /// Every company's facts, reused from memory while no company fact row was inserted, updated or deleted (checked
    /// like the market series). The engine only reads the facts, so sharing them is safe.
    /// </summary>
    public async Task<IReadOnlyList<CompanyFacts>> LoadAllFactsCachedAsync(CancellationToken ct = default)
    {
        string version;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            version = await db.Database.SqlQueryRaw<string>(AllFactsVersionSql).SingleAsync(ct);
        }
        var key = AllFactsCacheKeyPrefix + version;
        if (cache.TryGetValue(key, out IReadOnlyList<CompanyFacts>? cached) && cached is not null)
        {
            return cached;
        }
        var all = await LoadAllFactsAsync(ct);
        // Keyed by the version read before loading, so a concurrent change can only cause a reload, never a stale hit.
        cache.Set(key, all, CacheEntry);
        return all;
    }

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

    /// <summary>BTC closes and indicator series, reused from memory while the stored series are unchanged.</summary>
    public async Task<MarketFacts> GetMarketFactsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        string version;
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = MarketVersionSql;
            version = (string)(await command.ExecuteScalarAsync(ct))!;
        }
        return await GetMarketFactsAsync(db, version, ct);
    }

    /// <summary>The market facts of <paramref name="version"/> from memory, else loaded with <paramref name="db"/>.</summary>
    private async Task<MarketFacts> GetMarketFactsAsync(MinerPivotDbContext db, string version, CancellationToken ct)
    {
        var key = MarketCacheKeyPrefix + version;
        if (cache.TryGetValue(key, out MarketFacts? cached) && cached is not null)
        {
            return cached;
        }
        var prices = await db.BtcPrices.AsNoTracking().ToListAsync(ct);
        var indicators = await db.IndicatorValues.AsNoTracking().ToListAsync(ct);
        var market = new MarketFacts(prices, indicators);
        // Keyed by the version read before loading, so a concurrent change can only cause a reload, never a stale hit.
        cache.Set(key, market, CacheEntry);
        return market;
    }

    /// <summary>Upper-cased ticker, or null when it cannot name a company.</summary>
    public static string? NormalizeTicker(string? ticker)
    {
        var t = ticker?.Trim();
        return string.IsNullOrEmpty(t) || t.Length > Limits.Ticker ? null : t.ToUpperInvariant();
    }

    /// <summary>The engine's snapshot of <paramref name="facts"/>; a failed evaluation is logged (once per ticker and reason).</summary>
    public CompanySnapshot Snapshot(CompanyFacts facts, MarketFacts market, DateOnly asOf)
    {
        var snapshot = engine.Snapshot(facts, market, asOf);
        failures.Observe(snapshot.Evaluation);
        return snapshot;
    }

    /// <summary>The rule texts of the signposts, from the configured thresholds.</summary>
    public SignpostRuleBook Rules => engine.Rules;

    private CompanySignposts Evaluate(CompanyFacts facts, MarketFacts market, DateOnly asOf)
    {
        var snapshot = Snapshot(facts, market, asOf);
        var latest = snapshot.LatestQuarter;
        return new CompanySignposts(facts.Company.Ticker, facts.Company.Name, latest?.PeriodEnd, latest?.FiscalLabel, snapshot.Evaluation, snapshot);
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

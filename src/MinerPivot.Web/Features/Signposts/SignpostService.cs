using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;
using MinerPivot.Data.Facts;

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
/// Evaluates the signposts with <see cref="SignpostEngine"/> on the facts of <see cref="FactStore"/>. Shared by the API
/// and the pages; returns the engine's types.
/// </summary>
public sealed class SignpostService(
    FactStore store,
    TimeProvider time,
    SignpostEngine engine,
    EvaluationFailures failures)
{
    /// <summary>Today's date in UTC, the default as-of date.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>One company's signposts as of <paramref name="asOf"/> (default today); null for an unknown ticker (any case).</summary>
    /// <remarks>The company's facts and the market series come from the store: from memory, else read through one DbContext.</remarks>
    public async Task<CompanySignposts?> EvaluateAsync(string ticker, DateOnly? asOf = null, CancellationToken ct = default)
    {
        if (NormalizeTicker(ticker) is not { } normalized)
        {
            return null;
        }
        var (facts, market) = await store.GetCompanyWithMarketAsync(normalized, ct);
        return facts is null ? null : Evaluate(facts, market, asOf ?? Today);
    }

    /// <summary>Every company's signposts as of <paramref name="asOf"/> (default today), ordered by ticker.</summary>
    public async Task<IReadOnlyList<CompanySignposts>> EvaluateAllAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        var (all, market) = await store.GetAllWithMarketAsync(ct);
        var date = asOf ?? Today;
        return all.Select(facts => Evaluate(facts, market, date)).ToList();
    }

    /// <summary>
    /// Every company's signposts at each of <paramref name="dates"/>, from one read of the facts: result[i] holds the
    /// evaluations at dates[i], ordered by ticker. The board uses it to say what moved between two dates.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<CompanySignposts>>> EvaluateAllAtAsync(IReadOnlyList<DateOnly> dates, CancellationToken ct = default)
    {
        var (all, market) = await store.GetAllWithMarketAsync(ct);
        return dates.Select(date => (IReadOnlyList<CompanySignposts>)all.Select(facts => Evaluate(facts, market, date)).ToList()).ToList();
    }

    /// <summary>The thresholds the engine uses (e.g. how old a company's cash cost may be before the industry average applies).</summary>
    public SignpostThresholds Thresholds => engine.Thresholds;

    /// <summary>Every company's facts, ordered by ticker, from the store. The engine only reads the facts, so sharing them is safe.</summary>
    public Task<IReadOnlyList<CompanyFacts>> LoadAllFactsCachedAsync(CancellationToken ct = default) => store.GetAllCompaniesAsync(ct);

    /// <summary>All stored facts of one company (unfiltered; the engine applies the as-of rules), or null for an unknown ticker; read now.</summary>
    public async Task<CompanyFacts?> LoadFactsAsync(string ticker, CancellationToken ct = default) =>
        NormalizeTicker(ticker) is { } normalized ? await store.ReadCompanyAsync(normalized, ct) : null;

    /// <summary>All stored facts of every company, ordered by ticker, from the store.</summary>
    public Task<IReadOnlyList<CompanyFacts>> LoadAllFactsAsync(CancellationToken ct = default) => store.GetAllCompaniesAsync(ct);

    /// <summary>BTC closes and indicator series, from the store.</summary>
    public Task<MarketFacts> GetMarketFactsAsync(CancellationToken ct = default) => store.GetMarketAsync(ct);

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
}

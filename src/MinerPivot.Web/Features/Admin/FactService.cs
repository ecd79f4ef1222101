using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Import;
using MinerPivot.Data;

namespace MinerPivot.Web.Features.Admin;

public sealed record CompanyOption(string Ticker, string Name, int FiscalYearEndMonth);

/// <summary>What a form's selects offer: companies, and each company's sites, contracts and tranches by code.</summary>
public sealed record FormOptions(
    IReadOnlyList<CompanyOption> Companies,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Sites,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Contracts,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Tranches)
{
    public IReadOnlyList<string> SitesOf(string? ticker) => ticker is not null && Sites.TryGetValue(ticker, out var s) ? s : [];
    public IReadOnlyList<string> ContractsOf(string? ticker) => ticker is not null && Contracts.TryGetValue(ticker, out var c) ? c : [];
    public IReadOnlyList<string> TranchesOf(string? ticker) => ticker is not null && Tranches.TryGetValue(ticker, out var t) ? t : [];
    public CompanyOption? Company(string? ticker) => Companies.FirstOrDefault(c => c.Ticker == ticker);
}

/// <summary>
/// Forms' reads and writes for every kind of fact. Typed values are checked by the importer's rules (<see cref="ImportRowCheck"/>),
/// live as the user types (without references) and again here before anything is written (with references).
/// </summary>
public sealed class FactService(IDbContextFactory<MinerPivotDbContext> dbFactory, TimeProvider clock, IOptions<ImportBounds> bounds)
{
    private static readonly Dictionary<string, IFactHandler> Handlers = new IFactHandler[]
    {
        new CompanyHandler(), new SiteHandler(), new ContractHandler(), new ContractEventHandler(), new TrancheHandler(),
        new RfsRevisionHandler(), new QuarterHandler(), new BtcPriceHandler(), new TargetHandler(), new IndicatorHandler(),
    }.ToDictionary(h => h.Kind.Slug);

    private static IFactHandler HandlerOf(AdminKind kind) => Handlers[kind.Slug];

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The importer's checks of one row's cells, without references: what a form shows while the user types.</summary>
    public Task<RowCheckResult> CheckAsync(AdminKind kind, IReadOnlyDictionary<string, string?> cells, CancellationToken ct = default) =>
        Task.FromResult(ImportRowCheck.Check(kind.File, cells, known: null, bounds.Value));

    public async Task<FactRecord?> LoadAsync(AdminKind kind, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await HandlerOf(kind).LoadAsync(db, id, ct);
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a row whose stored version must still be <paramref name="version"/>.</summary>
    public async Task<SaveOutcome> SaveAsync(AdminKind kind, string? id, uint version, IReadOnlyDictionary<string, string?> cells, string userName,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var check = ImportRowCheck.Check(kind.File, cells, await KnownKeysAsync(db, ct), bounds.Value);
        if (!check.IsValid)
        {
            return new SaveOutcome.Invalid(check.Errors);
        }
        return await HandlerOf(kind).SaveAsync(db, id, version, check.Row!, new AuditStamp(userName, clock.GetUtcNow()), ct);
    }

    public async Task<DeleteOutcome> DeleteAsync(AdminKind kind, string id, uint version, string userName, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await HandlerOf(kind).DeleteAsync(db, id, version, new AuditStamp(userName, clock.GetUtcNow()), ct);
    }

    public async Task<FormOptions> OptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companies = await db.Companies.AsNoTracking().OrderBy(c => c.Ticker)
            .Select(c => new CompanyOption(c.Ticker, c.Name, c.FiscalYearEndMonth)).ToListAsync(ct);
        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Company!.Ticker, s.Name }).ToListAsync(ct);
        var contracts = await db.Contracts.AsNoTracking().Select(c => new { c.Company!.Ticker, c.Code }).ToListAsync(ct);
        var tranches = await db.Tranches.AsNoTracking().Select(t => new { t.Company!.Ticker, t.Code }).ToListAsync(ct);
        return new FormOptions(companies,
            ByTicker(sites.Select(s => (s.Ticker, s.Name))),
            ByTicker(contracts.Select(c => (c.Ticker, c.Code))),
            ByTicker(tranches.Select(t => (t.Ticker, t.Code))));
    }

    private static Dictionary<string, IReadOnlyList<string>> ByTicker(IEnumerable<(string Ticker, string Name)> items) =>
        items.GroupBy(i => i.Ticker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(i => i.Name).Order(StringComparer.Ordinal)], StringComparer.Ordinal);

    private static async Task<KnownKeys> KnownKeysAsync(MinerPivotDbContext db, CancellationToken ct)
    {
        var tickers = await db.Companies.AsNoTracking().Select(c => c.Ticker).ToListAsync(ct);
        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Company!.Ticker, s.Name }).ToListAsync(ct);
        var contracts = await db.Contracts.AsNoTracking().Select(c => new { c.Company!.Ticker, c.Code }).ToListAsync(ct);
        var tranches = await db.Tranches.AsNoTracking().Select(t => new { t.Company!.Ticker, t.Code }).ToListAsync(ct);
        return new KnownKeys(tickers, sites.Select(s => (s.Ticker, s.Name)), contracts.Select(c => (c.Ticker, c.Code)),
            tranches.Select(t => (t.Ticker, t.Code)));
    }
}

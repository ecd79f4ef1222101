using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Core.Alerts;
using MinerPivot.Core.Domain;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Features.Alerts;

namespace MinerPivot.Web.Tests.Alerts;

/// <summary>
/// A company of its own per test: one site, contract K1 (100 MW, $100M a year, so $1M per MW-year) and tranche T1 of
/// 50 MW whose baseline RFS 2026-09-30 was announced on 2026-01-10, evaluated once. "Today" is the test clock's 2026-05-31.
/// </summary>
internal static class AlertTestData
{
    public const string TrancheCode = "T1";
    public static readonly DateOnly Baseline = new(2026, 9, 30);

    public static string RfsKey(string ticker) => $"{ticker}|rfs_slippage|{TrancheCode}";

    public static async Task AddCompanyAsync(IServiceProvider services, string ticker)
    {
        await using var db = await CreateDbAsync(services);
        var company = new Company { Ticker = ticker, Name = ticker + " Mining Inc." };
        var site = new Site { Company = company, Name = "North campus", Location = "Texas", GrossMw = 120m, CriticalItMw = 100m, Source = "test site" };
        var contract = new Contract
        {
            Company = company, Code = "K1", Customer = "Hyperscaler A", ContractedMw = 100m, AnnualizedRevenueUsd = 100_000_000m,
            SignedOn = new(2025, 12, 1), Source = "test contract",
            Events = [new() { Kind = ContractEventKind.Signed, EventOn = new(2025, 12, 1), MwChange = 100m, Source = "test contract signed" }],
        };
        company.Sites.Add(site);
        company.Contracts.Add(contract);
        company.Tranches.Add(new Tranche
        {
            Company = company, Site = site, Contract = contract, Code = TrancheCode, Customer = "Hyperscaler A", CriticalItMw = 50m,
            Status = TrancheStatus.UnderConstruction, Source = "test tranche",
            Revisions = [new() { AnnouncedOn = new(2026, 1, 10), RfsDate = Baseline, Source = "baseline deck 2026-01-10" }],
        });
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        // Known to the engine from here on, so a later alert says what it was before ("none", "on_track").
        await EvaluateAsync(services);
    }

    public static async Task AddRevisionAsync(IServiceProvider services, string ticker, DateOnly announcedOn, DateOnly rfs, string source, string? note = null)
    {
        await using var db = await CreateDbAsync(services);
        var tranche = await db.Tranches.SingleAsync(t => t.Company!.Ticker == ticker && t.Code == TrancheCode);
        db.RfsRevisions.Add(new RfsRevision { TrancheId = tranche.Id, AnnouncedOn = announcedOn, RfsDate = rfs, Source = source, Note = note });
        await db.SaveChangesAsync();
    }

    public static async Task<List<Alert>> AlertsForAsync(IServiceProvider services, string conditionKey)
    {
        await using var db = await CreateDbAsync(services);
        return await db.Alerts.AsNoTracking().Include(a => a.Events).Where(a => a.ConditionKey == conditionKey).OrderBy(a => a.Id).ToListAsync();
    }

    public static Task<AlertEvaluationResult> EvaluateAsync(IServiceProvider services) =>
        services.GetRequiredService<AlertEvaluator>().EvaluateAsync("test");

    public static Task<MinerPivotDbContext> CreateDbAsync(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync();

    private static int _next;

    /// <summary>A ticker no other test uses (tests of a class share one database).</summary>
    public static string NewTicker(string prefix) => $"{prefix}{Interlocked.Increment(ref _next)}";
}

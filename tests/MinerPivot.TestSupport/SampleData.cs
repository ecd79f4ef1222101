using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Core.Domain;
using MinerPivot.Data;

namespace MinerPivot.TestSupport;

/// <summary>
/// A small fixed dataset written straight into the database: a Core Scientific-like company (CORZ) with its facts,
/// a company without facts (HUT), BTC closes and the public-miner cash cost series. The numbers are chosen so that
/// the signposts can be checked by hand:
/// <list type="bullet">
/// <item>colocation revenue $8.6M (Q1 2025) → $65M (Q4 2025, reported 2026-02-26) → $77.5M (Q1 2026, reported
/// 2026-05-07): YoY +801.16%, QoQ +19.23%;</item>
/// <item>billable MW 150 → 200 → 243 against 450 MW by 2026-09-22 (announced 2026-02-26);</item>
/// <item>contract CW1, CoreWeave 590 MW by 2027-03-31, $850M annualized; tranche DEN-A (143 MW) delivered
/// 2025-09-30, 30 days after its baseline; tranche DEN-B (100 MW) baseline 2026-09-30 (announced 2025-01-15),
/// revised on 2026-05-01 to 2026-12-15 (76 days, major);</item>
/// <item>cash cost $80,000 per BTC (company, Q4 2025 and Q1 2026; industry average at 2025-12-31); BTC closes
/// $81,000 (2025-11-28), $65,000 (2026-02-05), $76,000 (2026-04-15), $81,000 (2026-05-29).</item>
/// </list>
/// </summary>
public static class SampleData
{
    public const string Ticker = "CORZ";
    public const string EmptyTicker = "HUT";
    public const string IndustryCashCostSeries = "public_miner_cash_cost_per_btc_usd";

    /// <summary>Writes the dataset unless CORZ is already there.</summary>
    public static async Task EnsureSeededAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (await db.Companies.AnyAsync(c => c.Ticker == Ticker))
        {
            return;
        }
        db.Companies.Add(CoreScientificLike());
        db.Companies.Add(new Company { Ticker = EmptyTicker, Name = "Hut 8 Corp." });
        db.BtcPrices.AddRange(BtcPrices());
        db.IndicatorValues.Add(new IndicatorValue
        {
            Series = IndustryCashCostSeries, Date = D(2025, 12, 31), Value = 80_000m, Unit = "USD",
            Source = "Public miners' average cash cost per BTC, late 2025 (product brief)",
        });
        await db.SaveChangesAsync();
    }

    public static IEnumerable<BtcPrice> BtcPrices() =>
    [
        new() { Date = D(2025, 11, 28), CloseUsd = 81_000m, Source = "BTC close 2025-11-28 (product brief: ~$81,000)" },
        new() { Date = D(2026, 2, 5), CloseUsd = 65_000m, Source = "BTC close 2026-02-05 (product brief: later low ~$65,000)" },
        new() { Date = D(2026, 4, 15), CloseUsd = 76_000m, Source = "BTC close 2026-04-15 (test value)" },
        new() { Date = D(2026, 5, 29), CloseUsd = 81_000m, Source = "BTC close 2026-05-29 (test value)" },
    ];

    public static Company CoreScientificLike()
    {
        var company = new Company { Ticker = Ticker, Name = "Core Scientific, Inc." };
        var site = new Site
        {
            Company = company, Name = "Denton TX", Location = "Denton, Texas", AcquiredOn = D(2024, 6, 1),
            GrossMw = 393m, CriticalItMw = 260m, Source = "Core Scientific 10-K 2024, properties",
        };
        var contract = new Contract
        {
            Company = company, Code = "CW1", Customer = "CoreWeave", ContractedMw = 590m, TermYears = 12m,
            AnnualizedRevenueUsd = 850_000_000m, SignedOn = D(2024, 6, 3), FullDeliveryBy = D(2027, 3, 31),
            Source = "Core Scientific PR 2024-06-03 and 2025-02-24 (CoreWeave 590 MW, full by early 2027)",
            Events =
            [
                new() { Kind = ContractEventKind.Signed, EventOn = D(2024, 6, 3), MwChange = 200m, Source = "Core Scientific PR 2024-06-03" },
                new() { Kind = ContractEventKind.Expanded, EventOn = D(2025, 2, 24), MwChange = 390m, Source = "Core Scientific PR 2025-02-24" },
            ],
        };
        company.Sites.Add(site);
        company.Contracts.Add(contract);
        company.Tranches.Add(new Tranche
        {
            Company = company, Site = site, Contract = contract, Code = "DEN-A", Customer = "CoreWeave", CriticalItMw = 143m,
            Status = TrancheStatus.Billable, ActualRfs = D(2025, 9, 30), Source = "Core Scientific Q3 2025 results",
            Revisions = [new() { AnnouncedOn = D(2024, 7, 1), RfsDate = D(2025, 8, 31), Source = "Core Scientific investor deck 2024-07" }],
        });
        company.Tranches.Add(new Tranche
        {
            Company = company, Site = site, Contract = contract, Code = "DEN-B", Customer = "CoreWeave", CriticalItMw = 100m,
            Status = TrancheStatus.UnderConstruction, Source = "Core Scientific Q4 2024 results",
            Revisions =
            [
                new() { AnnouncedOn = D(2025, 1, 15), RfsDate = D(2026, 9, 30), Source = "Core Scientific investor update 2025-01-15" },
                new() { AnnouncedOn = D(2026, 5, 1), RfsDate = D(2026, 12, 15), Source = "Core Scientific Q1 2026 call 2026-05-01", Note = "Utility interconnection delay" },
            ],
        });
        company.Quarters.AddRange(
        [
            Quarter(company, D(2025, 3, 31), "Q1 2025", D(2025, 5, 7), 8_600_000m, billableMw: null, cashCost: 55_000m),
            Quarter(company, D(2025, 6, 30), "Q2 2025", D(2025, 8, 7), 18_900_000m, billableMw: null, cashCost: null),
            Quarter(company, D(2025, 9, 30), "Q3 2025", D(2025, 10, 30), 40_000_000m, billableMw: 150m, cashCost: null),
            Quarter(company, D(2025, 12, 31), "Q4 2025", D(2026, 2, 26), 65_000_000m, billableMw: 200m, cashCost: 80_000m),
            Quarter(company, D(2026, 3, 31), "Q1 2026", D(2026, 5, 7), 77_500_000m, billableMw: 243m, cashCost: 80_000m),
        ]);
        company.Targets.Add(new Target
        {
            Company = company, Kind = TargetKind.BillableMw, TargetValue = 450m, Deadline = D(2026, 9, 22), AnnouncedOn = D(2026, 2, 26),
            Source = "Core Scientific Q4 2025 call: > 450 billable MW by end of summer 2026",
        });
        return company;
    }

    private static QuarterlyFigure Quarter(Company company, DateOnly periodEnd, string label, DateOnly reportedOn,
        decimal colocationRevenue, decimal? billableMw, decimal? cashCost) => new()
    {
        Company = company,
        PeriodEnd = periodEnd,
        FiscalLabel = label,
        ReportedOn = reportedOn,
        ColocationRevenueUsd = colocationRevenue,
        BillableMw = billableMw,
        CashCostPerBtcUsd = cashCost,
        ContractedMw = billableMw is null ? null : 590m,
        GrossPipelineMw = billableMw is null ? null : 4_500m,
        Source = $"Core Scientific {label} results ({reportedOn:yyyy-MM-dd})",
    };

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}

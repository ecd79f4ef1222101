using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Data;

namespace MinerPivot.Bench.Alerts;

/// <summary>
/// A synthetic universe: per company 40 quarters, 2 sites, 2 contracts with events, 10 tranches × 10 RFS revisions
/// (some delivered, some slipping by varying amounts), a billable-MW target; daily BTC closes and the industry cash
/// cost. Written straight into the database in batches.
/// </summary>
internal static class Universe
{
    public static readonly DateTimeOffset Today = new(2026, 5, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly TodayDate = new(2026, 5, 31);

    public static async Task<string> WriteAsync(IDbContextFactory<MinerPivotDbContext> factory, int companies)
    {
        await using (var db = await factory.CreateDbContextAsync())
        {
            var start = new DateOnly(2016, 1, 1);
            for (var d = start; d <= TodayDate; d = d.AddDays(1))
            {
                var t = d.DayNumber - start.DayNumber;
                db.BtcPrices.Add(new BtcPrice { Date = d, CloseUsd = Math.Round(20_000m + 60_000m * (decimal)Math.Abs(Math.Sin(t / 400.0)), 2), Source = "synthetic close" });
            }
            db.IndicatorValues.Add(new IndicatorValue { Series = "public_miner_cash_cost_per_btc_usd", Date = new(2025, 12, 31), Value = 80_000m, Unit = "USD", Source = "synthetic" });
            await db.SaveChangesAsync();
        }
        int quarters = 0, tranches = 0, revisions = 0;
        const int batch = 10;
        for (var from = 0; from < companies; from += batch)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = from; i < Math.Min(companies, from + batch); i++)
            {
                var c = Company(i);
                quarters += c.Quarters.Count;
                tranches += c.Tranches.Count;
                revisions += c.Tranches.Sum(t => t.Revisions.Count);
                db.Companies.Add(c);
            }
            await db.SaveChangesAsync();
        }
        return $"{companies} companies, {quarters} quarters, {tranches} tranches, {revisions} RFS revisions";
    }

    private static Company Company(int i)
    {
        var company = new Company { Ticker = $"S{i:000}", Name = $"Synthetic Miner {i:000}" };
        var sites = Enumerable.Range(0, 2).Select(s => new Site
        {
            Company = company, Name = $"Site {s}", Location = "Texas", AcquiredOn = new(2024, 1, 1 + s), GrossMw = 600m, CriticalItMw = 500m, Source = "synthetic site",
        }).ToList();
        company.Sites.AddRange(sites);
        var contracts = Enumerable.Range(0, 2).Select(k => new Contract
        {
            Company = company, Code = $"K{k}", Customer = $"Hyperscaler {(i + k) % 7}", ContractedMw = 300m, TermYears = 10m,
            TotalValueUsd = 3_000_000_000m, AnnualizedRevenueUsd = 300_000_000m, SignedOn = new(2024, 6, 1),
            FullDeliveryBy = new(2027, 12, 31), Source = "synthetic contract",
            Events = [new() { Kind = ContractEventKind.Signed, EventOn = new(2024, 6, 1), MwChange = 300m, Source = "synthetic signing" }],
        }).ToList();
        company.Contracts.AddRange(contracts);
        for (var t = 0; t < 10; t++)
        {
            var delivered = t < 2;
            var baseline = new DateOnly(2026, 3, 31).AddDays(30 * t);
            var tranche = new Tranche
            {
                Company = company, Site = sites[t % 2], Contract = contracts[t % 2], Code = $"T{t}", Customer = contracts[t % 2].Customer,
                CriticalItMw = 60m, Status = delivered ? TrancheStatus.Billable : TrancheStatus.UnderConstruction,
                ActualRfs = delivered ? baseline.AddDays(10) : null, Source = "synthetic tranche",
            };
            // Ten announcements a month apart; the drift per revision depends on company and tranche (0–9 days).
            var drift = (i * 7 + t * 3) % 10;
            for (var r = 0; r < 10; r++)
            {
                tranche.Revisions.Add(new RfsRevision
                {
                    AnnouncedOn = new DateOnly(2025, 1, 15).AddMonths(r),
                    RfsDate = baseline.AddDays(drift * r),
                    Source = $"synthetic revision {r}",
                });
            }
            company.Tranches.Add(tranche);
        }
        for (var q = 0; q < 40; q++)
        {
            var periodEnd = new DateOnly(2016, 6, 30).AddMonths(3 * q);
            periodEnd = new DateOnly(periodEnd.Year, periodEnd.Month, DateTime.DaysInMonth(periodEnd.Year, periodEnd.Month));
            company.Quarters.Add(new QuarterlyFigure
            {
                Company = company, PeriodEnd = periodEnd, FiscalLabel = $"Q{(periodEnd.Month + 2) / 3} {periodEnd.Year}", ReportedOn = periodEnd.AddDays(40),
                ColocationRevenueUsd = 1_000_000m * (q + 1) * (1 + i % 3), MiningRevenueUsd = 50_000_000m, CashCostPerBtcUsd = 40_000m + 1_000m * (i % 30),
                ContractedMw = 600m, BillableMw = 5m * q, Source = "synthetic quarter",
            });
        }
        company.Targets.Add(new Target
        {
            Company = company, Kind = TargetKind.BillableMw, TargetValue = 400m, Deadline = new(2026, 12, 31), AnnouncedOn = new(2025, 6, 1), Source = "synthetic target",
        });
        return company;
    }

    /// <summary>One new RFS revision for a tranche picked by <paramref name="n"/>, announced in the last days before today.</summary>
    public static async Task AddRevisionAsync(IDbContextFactory<MinerPivotDbContext> factory, int n)
    {
        await using var db = await factory.CreateDbContextAsync();
        var ticker = $"S{n * 37 % 200:000}";
        var code = $"T{2 + n % 8}";
        var tranche = await db.Tranches.Include(t => t.Revisions).SingleAsync(t => t.Company!.Ticker == ticker && t.Code == code);
        var latest = tranche.Revisions.MaxBy(r => r.AnnouncedOn)!;
        db.RfsRevisions.Add(new RfsRevision
        {
            TrancheId = tranche.Id,
            // Each n picks another company (37 and 200 are coprime), so dates never collide; all are after the seeded revisions.
            AnnouncedOn = TodayDate.AddDays(-(n % 20)),
            RfsDate = latest.RfsDate.AddDays(15 + n % 60),
            Source = $"bench revision {n}",
        });
        await db.SaveChangesAsync();
    }
}

using System.Diagnostics;
using MinerPivot.Core.Signposts;
using Xunit.Abstractions;

namespace MinerPivot.Core.Tests.Signposts;

public class PerformanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// A smoke check of the benchmark's shape (200 companies, 40 quarters each, 2,000 tranches, 20,000 revisions in all).
    /// The budget here is generous so that a busy CI machine does not fail it; the real benchmark targets 50 ms.
    /// </summary>
    [Fact]
    public void Two_hundred_companies_evaluate_well_within_budget()
    {
        var r = new Random(7);
        var companies = new List<CompanyFacts>();
        var market = new MarketBuilder();
        var day = TestDates.D("2016-01-01");
        for (var i = 0; i < 3_650; i++) market.Btc(day.AddDays(i).ToString("yyyy-MM-dd"), 20_000m + i * 20m);
        for (var i = 0; i < 120; i++) market.IndustryCashCost(day.AddMonths(i).ToString("yyyy-MM-dd"), 60_000m);
        var marketFacts = market.Build();
        for (var c = 0; c < 200; c++)
        {
            var b = new CompanyBuilder("C" + c);
            var site = b.Site("S", day);
            var contract = b.Contract("K", 500m, "2017-01-01", "2026-12-31", 600_000_000m);
            for (var q = 0; q < 40; q++)
            {
                var end = new DateOnly(2016, 3, 31).AddMonths(3 * q);
                b.Quarter(end.ToString("yyyy-MM-dd"), colocationUsd: r.Next(1, 100) * 1_000_000m, billableMw: q * 10, cashCostPerBtc: 50_000m);
            }
            for (var t = 0; t < 10; t++)
            {
                var tranche = b.Tranche("T" + t, 50m, contract, site);
                for (var v = 0; v < 10; v++)
                {
                    b.Revision(tranche, day.AddDays(100 * v + t).ToString("yyyy-MM-dd"), day.AddDays(1_000 + 30 * v).ToString("yyyy-MM-dd"));
                }
            }
            b.Target(800m, "2026-09-30", "2020-01-01");
            companies.Add(b.Build());
        }
        var engine = new SignpostEngine();
        var asOf = TestDates.D("2025-12-31");
        engine.EvaluateAll(companies, marketFacts, asOf); // warm-up (JIT)

        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            var results = engine.EvaluateAll(companies, marketFacts, asOf);
            watch.Stop();
            Assert.Equal(200, results.Count);
            if (watch.Elapsed < best) best = watch.Elapsed;
        }
        output.WriteLine($"200 companies: best of 5 runs {best.TotalMilliseconds:0.0} ms");
        Assert.True(best < TimeSpan.FromMilliseconds(500), $"took {best.TotalMilliseconds:0.0} ms");
    }
}

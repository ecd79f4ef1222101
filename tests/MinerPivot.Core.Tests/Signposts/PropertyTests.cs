using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

/// <summary>Properties checked on companies generated from a seeded <see cref="Random"/>, so failures reproduce.</summary>
public class PropertyTests
{
    private static readonly DateOnly Start = TestDates.D("2023-01-01");
    private const int Span = 1_500; // days: 2023-01-01 .. early 2027
    private const int Cases = 150;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static DateOnly Day(Random r) => Start.AddDays(r.Next(Span));

    /// <summary>How revisions move relative to the baseline in generated data.</summary>
    private enum Drift { Any, NeverEarlier, NeverLater }

    private static (CompanyBuilder B, MarketBuilder M) RandomCompany(Random r, Drift drift = Drift.Any)
    {
        var b = new CompanyBuilder("R" + r.Next(1000));
        var sites = Enumerable.Range(0, r.Next(1, 4))
            .Select(i => b.Site("Site" + i, r.Next(4) == 0 ? null : Day(r).AddDays(-700)))
            .ToList();
        var contracts = new List<Contract>();
        for (var i = r.Next(0, 4); i > 0; i--)
        {
            var signed = Day(r);
            var c = b.Contract("C" + i, r.Next(10, 600), Iso(signed),
                r.Next(3) == 0 ? null : Iso(signed.AddDays(r.Next(100, 900))),
                r.Next(3) == 0 ? null : r.Next(1, 900) * 1_000_000m);
            for (var e = r.Next(0, 3); e > 0; e--)
            {
                b.Event(c, (ContractEventKind)r.Next(4), Iso(signed.AddDays(r.Next(0, 600))), r.Next(1, 100));
            }
            contracts.Add(c);
        }
        for (var i = r.Next(0, 9); i > 0; i--)
        {
            var contract = contracts.Count > 0 && r.Next(4) > 0 ? contracts[r.Next(contracts.Count)] : null;
            var t = b.Tranche("T" + i, r.Next(0, 300), contract, sites[r.Next(sites.Count)],
                status: r.Next(10) == 0 ? TrancheStatus.Cancelled : TrancheStatus.Planned);
            var announced = Day(r);
            var baseline = announced.AddDays(r.Next(30, 700));
            var revisions = r.Next(0, 5);
            for (var k = 0; k < revisions; k++)
            {
                var move = drift switch
                {
                    Drift.NeverEarlier => r.Next(0, 200),
                    Drift.NeverLater => -r.Next(0, 200),
                    _ => r.Next(-100, 200),
                };
                b.Revision(t, Iso(announced), Iso(k == 0 ? baseline : baseline.AddDays(move)));
                announced = announced.AddDays(r.Next(1, 120));
            }
            if (r.Next(3) == 0)
            {
                var delivered = drift switch
                {
                    Drift.NeverEarlier => baseline.AddDays(r.Next(0, 300)),
                    Drift.NeverLater => baseline.AddDays(-r.Next(0, 300)),
                    _ => baseline.AddDays(r.Next(-100, 300)),
                };
                t.ActualRfs = delivered;
                t.Status = TrancheStatus.Billable;
            }
        }
        var periodEnd = TestDates.D("2022-12-31");
        for (var i = r.Next(0, 14); i > 0; i--)
        {
            periodEnd = periodEnd.AddMonths(3);
            periodEnd = new DateOnly(periodEnd.Year, periodEnd.Month, DateTime.DaysInMonth(periodEnd.Year, periodEnd.Month));
            b.Quarter(Iso(periodEnd), Iso(periodEnd.AddDays(r.Next(20, 70))),
                colocationUsd: r.Next(5) == 0 ? null : r.Next(0, 100) * 1_000_000m,
                billableMw: r.Next(4) == 0 ? null : r.Next(0, 800),
                cashCostPerBtc: r.Next(3) == 0 ? null : r.Next(30, 110) * 1_000m,
                contractedMw: r.Next(2) == 0 ? null : r.Next(0, 1500),
                pipelineMw: r.Next(2) == 0 ? null : r.Next(1, 5000));
        }
        for (var i = r.Next(0, 3); i > 0; i--)
        {
            var announced = Day(r);
            b.Target(r.Next(100, 900), Iso(announced.AddDays(r.Next(30, 600))), Iso(announced));
        }

        // Market series keep their natural key (one value per series and date).
        var m = new MarketBuilder();
        foreach (var d in DistinctDays(r, r.Next(0, 40))) m.Btc(Iso(d), r.Next(20, 120) * 1_000m);
        foreach (var d in DistinctDays(r, r.Next(0, 10))) m.IndustryCashCost(Iso(d), r.Next(40, 100) * 1_000m);
        foreach (var d in DistinctDays(r, r.Next(0, 10))) m.Indicator("wgmi_close", Iso(d), r.Next(5, 40));
        return (b, m);
    }

    private static readonly SignpostThresholds WithRule = new()
    {
        IndicatorRules = [new IndicatorRule { Series = "wgmi_close", Comparison = IndicatorComparison.Below, Threshold = 15m, Description = "Miners ETF below 15" }],
    };

    [Fact]
    public void Slip_days_are_never_negative_when_no_revision_is_earlier_than_the_baseline()
    {
        var r = new Random(20260501);
        for (var n = 0; n < Cases; n++)
        {
            var (b, m) = RandomCompany(r, Drift.NeverEarlier);
            var asOf = Day(r);
            var e = Eval.At(b.Build(), Iso(asOf), m.Build());
            Assert.All(e.Tranches, t =>
            {
                Assert.True(t.SlipDays is null or >= 0, $"case {n}: {t.TrancheCode} slipped {t.SlipDays} at {Iso(asOf)}");
                Assert.True(t.RevenueAtRiskUsd is null or >= 0m);
            });
        }
    }

    [Fact]
    public void Slip_days_are_never_positive_when_no_revision_is_later_than_the_baseline()
    {
        var r = new Random(777);
        for (var n = 0; n < Cases; n++)
        {
            var (b, m) = RandomCompany(r, Drift.NeverLater);
            var e = Eval.At(b.Build(), Iso(Day(r)), m.Build());
            Assert.All(e.Tranches, t =>
            {
                Assert.True(t.SlipDays is null or <= 0, $"case {n}: {t.TrancheCode} slipped {t.SlipDays}");
                Assert.True(t.Overdue || t.Severity == SlipSeverity.None);
                Assert.True(t.RevenueAtRiskUsd is null or 0m);
            });
        }
    }

    [Fact]
    public void Evaluating_the_same_date_twice_gives_identical_results()
    {
        var r = new Random(42);
        var engine = new SignpostEngine(WithRule);
        for (var n = 0; n < Cases; n++)
        {
            var (b, m) = RandomCompany(r);
            var facts = b.Build();
            var market = m.Build();
            var asOf = Day(r);
            Assert.Equal(engine.Evaluate(facts, market, asOf).Canonical(), engine.Evaluate(facts, market, asOf).Canonical());
        }
    }

    [Fact]
    public void Shuffling_the_inputs_never_changes_the_result()
    {
        var r = new Random(4242);
        var engine = new SignpostEngine(WithRule);
        for (var n = 0; n < Cases; n++)
        {
            var (b, m) = RandomCompany(r);
            var facts = b.Build();
            var asOf = Day(r);
            var expected = engine.Evaluate(facts, m.Build(), asOf).Canonical();

            var shuffled = facts with
            {
                Sites = Shuffle(r, facts.Sites), Contracts = Shuffle(r, facts.Contracts), Tranches = Shuffle(r, facts.Tranches),
                Quarters = Shuffle(r, facts.Quarters), Targets = Shuffle(r, facts.Targets),
            };
            foreach (var t in facts.Tranches) t.Revisions = Shuffle(r, t.Revisions);
            foreach (var c in facts.Contracts) c.Events = Shuffle(r, c.Events);
            var market = new MarketFacts(Shuffle(r, m.Prices), Shuffle(r, m.Indicators));

            Assert.Equal(expected, engine.Evaluate(shuffled, market, asOf).Canonical());
        }
    }

    /// <summary>
    /// Adds, all dated after D: quarters reported later, revisions announced later (to tranches that already have one —
    /// a tranche's first revision decides when it becomes known, see AsOfView), later deliveries, events, targets,
    /// contracts with their tranches, a site, prices and indicator values.
    /// </summary>
    [Fact]
    public void Adding_facts_dated_after_the_as_of_date_never_changes_the_result_at_that_date()
    {
        var r = new Random(1234);
        var engine = new SignpostEngine(WithRule);
        for (var n = 0; n < Cases; n++)
        {
            var (b, m) = RandomCompany(r);
            var asOf = Day(r);
            var before = engine.Evaluate(b.Build(), m.Build(), asOf).Canonical();
            DateOnly After() => asOf.AddDays(r.Next(1, 400));

            var lastEnd = b.Quarters.Count == 0 ? asOf : b.Quarters.Max(q => q.PeriodEnd);
            var newEnd = (lastEnd > asOf ? lastEnd : asOf).AddDays(91);
            b.Quarter(Iso(newEnd), Iso(newEnd.AddDays(30)), colocationUsd: 1m, billableMw: 5_000m, cashCostPerBtc: 1m, contractedMw: 1m, pipelineMw: 1m);
            foreach (var q in b.Quarters.Where(q => q.ReportedOn > asOf)) q.ColocationRevenueUsd = 0m; // restated later: still unknown at D
            foreach (var t in b.Tranches.ToList())
            {
                if (t.Revisions.Count > 0) b.Revision(t, Iso(After()), Iso(After()));
                if (t.ActualRfs is null && r.Next(2) == 0) t.ActualRfs = After();
            }
            foreach (var c in b.Contracts.ToList())
            {
                b.Event(c, ContractEventKind.Cancelled, Iso(After()));
                b.Event(c, ContractEventKind.Downsized, Iso(After()), 5m);
            }
            b.Target(1m, Iso(After()), Iso(After()));
            var late = b.Contract("LATE", 500m, Iso(After()), Iso(After()), 999_000_000m);
            var lateSite = b.Site("LateSite", After());
            b.Tranche("LATE-1", 500m, late, lateSite);
            b.Revision(b.Tranche("LATE-2", 500m, null, lateSite), Iso(After()), Iso(After()));
            m.Btc(Iso(After()), 1m).IndustryCashCost(Iso(After()), 1_000_000m).Indicator("wgmi_close", Iso(After()), 1m);

            Assert.Equal(before, engine.Evaluate(b.Build(), m.Build(), asOf).Canonical());
        }
    }

    [Fact]
    public void Severities_and_the_slippage_status_always_agree_with_the_rules()
    {
        var r = new Random(99);
        var thresholds = new SignpostThresholds();
        for (var n = 0; n < Cases; n++)
        {
            var (b, m) = RandomCompany(r);
            var asOf = Day(r);
            var e = Eval.At(b.Build(), Iso(asOf), m.Build());
            foreach (var t in e.Tranches)
            {
                var expected = t.Overdue ? SlipSeverity.Critical
                    : t.SlipDays is null or <= 0 ? SlipSeverity.None
                    : t.SlipDays <= thresholds.MinorSlipMaxDays ? SlipSeverity.Minor
                    : t.SlipDays <= thresholds.MajorSlipMaxDays ? SlipSeverity.Major
                    : SlipSeverity.Critical;
                Assert.Equal(expected, t.Severity);
                Assert.True(t.ActualRfs is null || t.ActualRfs <= asOf);
                Assert.Equal(t.Overdue, t.ActualRfs is null && t.CurrentRfs is { } c && asOf > c);
            }
            var slippage = e.Only(SignpostKeys.RfsSlippage);
            var open = e.Tranches.Where(t => !t.Delivered).ToList();
            var expectedStatus = !e.Tranches.Any(t => t.BaselineRfs is not null || t.ActualRfs is not null) ? SignpostStatus.NoData
                : open.Any(t => t.Severity >= SlipSeverity.Major) ? SignpostStatus.Breached
                : open.Any(t => t.Severity == SlipSeverity.Minor) ? SignpostStatus.AtRisk
                : SignpostStatus.Ok;
            Assert.Equal(expectedStatus, slippage.Status);
        }
    }

    private static IEnumerable<DateOnly> DistinctDays(Random r, int count)
    {
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < count; i++)
        {
            var d = Day(r);
            if (seen.Add(d)) yield return d;
        }
    }

    private static List<T> Shuffle<T>(Random r, IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = r.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}

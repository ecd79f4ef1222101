using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

/// <summary>The as-of snapshot carries what pages, the API, slippage and alerts used to compute again themselves.</summary>
public class SnapshotTests
{
    private static CompanySnapshot At(CompanyFacts facts, string asOf, MarketFacts? market = null, SignpostThresholds? thresholds = null) =>
        new SignpostEngine(thresholds).Snapshot(facts, market ?? MarketFacts.Empty, TestDates.D(asOf));

    [Fact]
    public void Quarter_growth_uses_the_engines_year_ago_rule_and_rounding()
    {
        var b = new CompanyBuilder();
        // Both lie within 365 ± 45 days of 2026-03-31: the closest (2025-03-31) is the year-ago quarter, not the later one.
        b.Quarter("2025-03-31", colocationUsd: 8_600_000m);
        b.Quarter("2025-05-10", colocationUsd: 9_000_000m);
        b.Quarter("2025-12-31", colocationUsd: 65_000_000m);
        b.Quarter("2026-03-31", colocationUsd: 77_500_000m);

        var snapshot = At(b.Build(), "2026-05-31");

        var latest = snapshot.LatestQuarter!;
        var momentum = snapshot.Evaluation.Only(SignpostKeys.ColocationMomentum);
        Assert.Equal(TestDates.D("2025-03-31"), latest.YearAgoPeriodEnd);
        Assert.Equal(801.16m, latest.ColocationYoyPct);
        Assert.Equal(momentum.Value, latest.ColocationYoyPct);
        Assert.Equal(19.23m, latest.ColocationQoqPct);
        Assert.Equal(momentum.DecimalDetail("qoqPct"), latest.ColocationQoqPct);
        Assert.Null(snapshot.Quarters[0].ColocationQoqPct);
        Assert.Equal(4.65m, snapshot.Quarters[1].ColocationQoqPct);
    }

    [Fact]
    public void Tranches_carry_their_revisions_with_baseline_current_and_slip_as_known_at_the_date()
    {
        var b = new CompanyBuilder();
        var cw = b.Contract("CW", 100m, "2024-12-01", annualizedUsd: 100_000_000m);
        var t = b.Tranche("T1", 50m, cw);
        b.Revision(t, "2025-01-01", "2026-03-01").Revision(t, "2025-01-01", "2026-01-01").Revision(t, "2025-06-01", "2026-05-01");
        var gone = b.Tranche("GONE", 10m, cw, status: TrancheStatus.Cancelled);
        b.Revision(gone, "2025-01-01", "2026-01-01");

        var later = At(b.Build(), "2025-12-31");
        var early = At(b.Build(), "2025-03-01");

        var tranche = Assert.Single(later.Tranches, x => x.Tranche == "T1");
        Assert.Equal([("2025-01-01", "2026-01-01", 0, true, false), ("2025-01-01", "2026-03-01", 59, false, false), ("2025-06-01", "2026-05-01", 120, false, true)],
            tranche.Revisions.Select(r => (Iso(r.AnnouncedOn), Iso(r.RfsDate), r.DaysVsBaseline, r.IsBaseline, r.IsCurrent)));
        Assert.Equal((TestDates.D("2026-01-01"), TestDates.D("2026-05-01")), (tranche.BaselineRfs!.Value, tranche.CurrentRfs!.Value));
        var slip = later.Evaluation.Tranche("T1");
        Assert.Equal((slip.SlipDays, slip.Severity, slip.RevenueAtRiskUsd), (tranche.SlipDays, tranche.Severity!.Value, tranche.RevenueAtRiskUsd));
        Assert.Equal(120, tranche.SlipDays);
        Assert.Equal(TestDates.D("2026-05-01"), tranche.CurrentRevision!.RfsDate);

        // Cancelled: listed, counted nowhere.
        var cancelled = Assert.Single(later.Tranches, x => x.Tranche == "GONE");
        Assert.True(cancelled.Cancelled);
        Assert.Null(cancelled.Severity);
        Assert.DoesNotContain(later.Evaluation.Tranches, x => x.TrancheCode == "GONE");

        // Same-day revisions: the current takes the later date.
        var then = Assert.Single(early.Tranches, x => x.Tranche == "T1");
        Assert.Equal(2, then.Revisions.Count);
        Assert.Equal((59, TestDates.D("2026-03-01")), (then.SlipDays!.Value, then.CurrentRevision!.RfsDate));
    }

    [Fact]
    public void Contracts_carry_their_events_and_delivery_and_targets_their_evaluation()
    {
        var b = new CompanyBuilder();
        var cw = b.Contract("CW", 100m, "2024-12-01", deliveryBy: "2026-12-31");
        b.Event(cw, ContractEventKind.Expanded, "2025-02-01", 20m);
        b.Event(cw, ContractEventKind.Downsized, "2025-09-01", -10m);
        var t = b.Tranche("T1", 60m, cw, actualRfs: "2025-06-30");
        b.Revision(t, "2025-01-01", "2025-06-30");
        b.Target(450m, "2026-09-22", "2025-01-10");
        b.Quarter("2025-03-31", billableMw: 100m);

        var snapshot = At(b.Build(), "2025-07-31");

        var contract = Assert.Single(snapshot.Contracts);
        Assert.Equal([ContractEventKind.Expanded], contract.Events.Select(e => e.Event));
        Assert.Equal((SignpostStatus.AtRisk, 60m, 60m), (contract.DeliveryStatus!.Value, contract.DeliveredMw!.Value, contract.ScheduledMw!.Value));
        var target = Assert.Single(snapshot.Targets);
        var evaluated = snapshot.Evaluation.Only(SignpostKeys.BillableMwTarget);
        Assert.Equal((450m, evaluated.Status, evaluated.Explanation), (target.TargetMw, target.Status!.Value, target.Explanation));
    }

    [Theory]
    [InlineData(200, "industry_average")]
    [InlineData(250, "company")]
    public void The_margin_history_takes_the_cost_that_applied_each_day_as_mining_margin_would(int maxAgeDays, string lastBasis)
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", reportedOn: "2025-05-01", cashCostPerBtc: 50_000m);
        var market = new MarketBuilder()
            .IndustryCashCost("2024-12-01", 80_000m)
            .Btc("2025-04-15", 84_000m).Btc("2025-05-15", 103_000m).Btc("2025-10-20", 110_000m)
            .Build();
        var thresholds = new SignpostThresholds { CompanyCostMaxAgeDays = maxAgeDays };

        var snapshot = At(b.Build(), "2025-10-20", market, thresholds);
        var history = snapshot.MarginHistory(3 * 365, 200);

        // 2025-04-15: the quarter was not reported yet. 2025-10-20: the quarter ended 203 days before.
        Assert.Equal([("2025-04-15", 80_000m, "industry_average"), ("2025-05-15", 50_000m, "company"), ("2025-10-20", lastBasis == "company" ? 50_000m : 80_000m, lastBasis)],
            history.Select(p => (Iso(p.Date), p.CashCostUsd!.Value, p.CostBasis!)));
        var margin = snapshot.Evaluation.Only(SignpostKeys.MiningMargin);
        Assert.Equal(margin.Detail<string>("costBasis"), snapshot.Margin.Cost!.Basis);
        Assert.Equal(lastBasis, snapshot.Margin.Cost.Basis);
        Assert.Equal(margin.Value, snapshot.Margin.MarginPct);
    }

    [Fact]
    public void The_margin_history_is_thinned_evenly_and_keeps_the_latest_close()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", cashCostPerBtc: 50_000m);
        var market = new MarketBuilder();
        for (var d = TestDates.D("2025-01-01"); d <= TestDates.D("2025-12-31"); d = d.AddDays(1)) market.Btc(Iso(d), 100_000m);

        var history = At(b.Build(), "2025-12-31", market.Build()).MarginHistory(3 * 365, 50);

        Assert.InRange(history.Count, 40, 51);
        Assert.Equal(TestDates.D("2025-12-31"), history[^1].Date);
        Assert.True(history[0].Date >= TestDates.D("2024-12-29")); // a quarter before the first quarter
    }

    [Fact]
    public void Verdict_explanations_name_signposts_by_their_titles()
    {
        var b = new CompanyBuilder();
        b.Contract("CW", 100m, "2024-12-01", deliveryBy: "2025-06-30");
        b.Target(450m, "2025-06-30", "2025-01-10");
        b.Quarter("2025-03-31", billableMw: 100m);

        var evaluation = At(b.Build(), "2025-07-31").Evaluation;

        Assert.Equal(Verdict.RevertingToMiner, evaluation.Verdict);
        Assert.Contains("Billable MW target missed (450 MW by 2025-06-30)", evaluation.VerdictExplanation);
        Assert.Contains("Contract delivery missed (CW)", evaluation.VerdictExplanation);
        foreach (var key in SignpostKeys.All) Assert.DoesNotContain(key, evaluation.VerdictExplanation);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

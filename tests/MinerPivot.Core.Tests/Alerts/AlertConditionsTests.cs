using MinerPivot.Core.Alerts;
using MinerPivot.Core.Signposts;
using MinerPivot.Core.Tests.Signposts;

namespace MinerPivot.Core.Tests.Alerts;

public class AlertConditionsTests
{
    private static List<AlertCondition> ConditionsAt(CompanyFacts facts, string asOf, MarketFacts? market = null) =>
        AlertConditions.For(new SignpostEngine().Snapshot(facts, market ?? MarketFacts.Empty, TestDates.D(asOf))).ToList();

    [Fact]
    public void Each_undelivered_tranche_is_a_condition_with_its_slip_severity_and_the_latest_revision_as_cause()
    {
        var b = new CompanyBuilder("CORZ");
        var cw = b.Contract("CW", 200m, "2025-01-01", annualizedUsd: 200_000_000m);
        var late = b.Tranche("LATE", 100m, cw);
        b.Revision(late, "2025-02-01", "2026-06-30").Revision(late, "2026-04-01", "2026-09-15");
        var done = b.Tranche("DONE", 100m, cw, actualRfs: "2026-01-15");
        b.Revision(done, "2025-02-01", "2026-01-01");

        var conditions = ConditionsAt(b.Build(), "2026-05-31");

        var slip = conditions.Single(c => c.Key == "CORZ|rfs_slippage|LATE");
        Assert.Equal(("major", AlertSeverity.Major, "tranche", "LATE"), (slip.Status, slip.Severity, slip.SubjectKind, slip.SubjectCode));
        Assert.Contains("revision announced 2026-04-01 moved the RFS to 2026-09-15, +77 days against the baseline 2026-06-30", slip.Cause);
        Assert.Equal(b.Tranches[0].Revisions[1].Source, slip.CauseSource);
        Assert.Equal(21_095_890.41m, slip.RevenueAtRiskUsd); // 100 MW × $1M per MW-year × 77 / 365
        var delivered = conditions.Single(c => c.Key == "CORZ|rfs_slippage|DONE");
        Assert.Equal(("delivered", (AlertSeverity?)null), (delivered.Status, delivered.Severity));
        // The company-level rfs_slippage and revenue_visibility are not conditions: the tranches speak for them.
        Assert.DoesNotContain(conditions, c => c.Key == "CORZ|rfs_slippage" || c.SignpostKey == "revenue_visibility");
        Assert.Single(conditions, c => c.Key == "CORZ|contract_delivery|CW");
    }

    [Theory]
    [InlineData(60_000, "breached", AlertSeverity.Minor)]
    [InlineData(81_000, "at_risk", null)]
    [InlineData(120_000, "ok", null)]
    public void A_thin_mining_margin_raises_nothing_and_a_negative_one_only_a_minor_alert(int btc, string status, AlertSeverity? severity)
    {
        var market = new MarketBuilder().Btc("2026-05-30", btc).IndustryCashCost("2025-12-31", 80_000m).Build();
        var margin = ConditionsAt(new CompanyBuilder("WULF").Build(), "2026-05-31", market).Single(c => c.Key == "WULF|mining_margin");
        Assert.Equal((status, severity), (margin.Status, margin.Severity));
    }

    [Fact]
    public void A_downsized_contract_breaches_demand_integrity_as_a_major_condition()
    {
        var b = new CompanyBuilder("APLD");
        var k = b.Contract("K1", 300m, "2025-01-01");
        b.Event(k, Domain.ContractEventKind.Downsized, "2026-05-01", 100m);
        var demand = ConditionsAt(b.Build(), "2026-05-31").Single(c => c.Key == "APLD|demand_integrity");
        Assert.Equal(("breached", AlertSeverity.Major, "company"), (demand.Status, demand.Severity, demand.SubjectKind));
        Assert.Contains("contract K1 (CoreWeave) downsized by 100 MW on 2026-05-01", demand.Cause);
    }
}

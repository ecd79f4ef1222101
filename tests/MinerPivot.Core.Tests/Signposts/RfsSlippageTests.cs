using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class RfsSlippageTests
{
    private const string Key = SignpostKeys.RfsSlippage;

    [Theory]
    [InlineData(-10, "none", "ok")]
    [InlineData(0, "none", "ok")]
    [InlineData(1, "minor", "at_risk")]
    [InlineData(30, "minor", "at_risk")]
    [InlineData(31, "major", "breached")]
    [InlineData(90, "major", "breached")]
    [InlineData(91, "critical", "breached")]
    public void Slip_days_set_the_tranche_severity_and_the_company_status(int slipDays, string severity, string companyStatus)
    {
        var b = new CompanyBuilder();
        var t = b.Tranche("T1", 100m);
        b.Revision(t, "2025-06-01", "2026-06-30");
        b.Revision(t, "2025-12-01", TestDates.D("2026-06-30").AddDays(slipDays).ToString("yyyy-MM-dd"));

        var e = Eval.At(b.Build(), "2026-01-01");

        var slip = e.Tranche("T1");
        Assert.Equal(slipDays, slip.SlipDays);
        Assert.Equal(severity, slip.Severity.ToWire());
        Assert.False(slip.Overdue);
        Assert.Equal(companyStatus, e.Only(Key).Status.ToWire());
        Assert.Equal(slipDays, e.Only(Key).Value);
        Assert.Equal("days", e.Only(Key).Unit);
    }

    [Fact]
    public void An_undelivered_tranche_past_its_current_RFS_is_overdue_and_critical()
    {
        var b = new CompanyBuilder();
        var t = b.Tranche("T1", 100m);
        b.Revision(t, "2025-06-01", "2026-03-31");

        var onTheDay = Eval.At(b.Build(), "2026-03-31");
        var dayAfter = Eval.At(b.Build(), "2026-04-01");

        Assert.False(onTheDay.Tranche("T1").Overdue);
        Assert.Equal(SlipSeverity.None, onTheDay.Tranche("T1").Severity);
        Assert.Equal(SignpostStatus.Ok, onTheDay.Only(Key).Status);
        var slip = dayAfter.Tranche("T1");
        Assert.True(slip.Overdue);
        Assert.Equal(0, slip.SlipDays);
        Assert.Equal(1, slip.DaysOverdue);
        Assert.Equal(SlipSeverity.Critical, slip.Severity);
        Assert.Equal(SignpostStatus.Breached, dayAfter.Only(Key).Status);
        Assert.Contains("T1 is 1 day past its current RFS 2026-03-31", dayAfter.Only(Key).Explanation);
    }

    [Fact]
    public void A_delivered_tranche_is_never_overdue_and_its_slip_is_actual_minus_baseline()
    {
        var b = new CompanyBuilder();
        var t = b.Tranche("T1", 100m, actualRfs: "2026-04-10");
        b.Revision(t, "2025-06-01", "2026-03-31");

        var slip = Eval.At(b.Build(), "2026-06-01").Tranche("T1");

        Assert.False(slip.Overdue);
        Assert.True(slip.Delivered);
        Assert.Equal(10, slip.SlipDays);
        Assert.Equal(SlipSeverity.Minor, slip.Severity);
        Assert.Equal(TestDates.D("2026-04-10"), slip.ActualRfs);
    }

    [Fact]
    public void Late_deliveries_in_the_past_do_not_breach_the_forward_looking_status_but_count_in_the_mean()
    {
        var b = new CompanyBuilder();
        var late = b.Tranche("LATE", 100m, actualRfs: "2026-04-10");
        b.Revision(late, "2025-06-01", "2025-12-31"); // delivered 100 days late: critical
        var next = b.Tranche("NEXT", 100m);
        b.Revision(next, "2025-06-01", "2026-09-30");

        var e = Eval.At(b.Build(), "2026-06-01");

        Assert.Equal(SlipSeverity.Critical, e.Tranche("LATE").Severity);
        Assert.Equal(SignpostStatus.Ok, e.Only(Key).Status);
        Assert.Equal(50m, e.Only(Key).Value);
    }

    [Fact]
    public void The_company_value_is_the_MW_weighted_mean_slip()
    {
        var b = new CompanyBuilder();
        var x = b.Tranche("X", 100m);
        b.Revision(x, "2025-06-01", "2026-06-01").Revision(x, "2025-09-01", "2026-06-11");
        var y = b.Tranche("Y", 300m);
        b.Revision(y, "2025-06-01", "2026-06-01").Revision(y, "2025-09-01", "2026-07-21");
        b.Tranche("NO-DATE", 1000m, b.Contract("K", 1000m, "2025-01-01")); // known via its contract, but no RFS date

        var s = Eval.At(b.Build(), "2026-01-01").Only(Key);

        Assert.Equal(40m, s.Value); // (100×10 + 300×50) / 400
        Assert.Equal(SignpostStatus.Breached, s.Status);
        Assert.Equal("Y", s.Detail<string>("worstTranche"));
    }

    [Fact]
    public void Revenue_at_risk_is_MW_times_revenue_per_contracted_MW_times_slip_years()
    {
        var b = new CompanyBuilder();
        var k = b.Contract("CW-1", 243m, "2025-01-01", annualizedUsd: 350_000_000m);
        var t = b.Tranche("T1", 100m, k);
        b.Revision(t, "2025-06-01", "2026-06-30").Revision(t, "2025-12-01", "2026-09-11"); // 73 days = 0.2 year

        var e = Eval.At(b.Build(), "2026-01-01");

        // 100 MW × ($350M / 243 MW) × 73 / 365
        Assert.Equal(28_806_584.36m, e.Tranche("T1").RevenueAtRiskUsd);
        Assert.Equal(28_806_584.36m, e.Only(Key).DecimalDetail("revenueAtRiskUsd"));
        Assert.Equal("CW-1", e.Tranche("T1").ContractCode);
        Assert.Contains("revenue at risk $28.81M", e.Only(Key).Explanation);
    }

    [Fact]
    public void An_earlier_RFS_than_the_baseline_puts_no_revenue_at_risk()
    {
        var b = new CompanyBuilder();
        var k = b.Contract("CW-1", 100m, "2025-01-01", annualizedUsd: 100_000_000m);
        var t = b.Tranche("T1", 100m, k);
        b.Revision(t, "2025-06-01", "2026-06-30").Revision(t, "2025-12-01", "2026-05-31");

        var slip = Eval.At(b.Build(), "2026-01-01").Tranche("T1");

        Assert.Equal(-30, slip.SlipDays);
        Assert.Equal(0m, slip.RevenueAtRiskUsd);
        Assert.Equal(SlipSeverity.None, slip.Severity);
    }

    [Fact]
    public void Revenue_at_risk_is_unknown_when_no_contract_gives_annualized_revenue()
    {
        var b = new CompanyBuilder();
        var k = b.Contract("CW-1", 100m, "2025-01-01");
        var t = b.Tranche("T1", 100m, k);
        b.Revision(t, "2025-06-01", "2026-06-30").Revision(t, "2025-12-01", "2026-07-30");

        var e = Eval.At(b.Build(), "2026-01-01");

        Assert.Null(e.Tranche("T1").RevenueAtRiskUsd);
        Assert.Null(e.Only(Key).DecimalDetail("revenueAtRiskUsd"));
    }

    [Fact]
    public void Revenue_at_risk_uses_the_annualized_revenue_of_all_contracts_that_report_it()
    {
        var b = new CompanyBuilder();
        b.Contract("A", 100m, "2025-01-01", annualizedUsd: 100_000_000m);
        b.Contract("B", 100m, "2025-01-01", annualizedUsd: 300_000_000m);
        b.Contract("C", 500m, "2025-01-01"); // no annualized revenue: left out of both sums
        var t = b.Tranche("T1", 10m);
        b.Revision(t, "2025-06-01", "2026-06-30").Revision(t, "2025-12-01", "2027-06-30"); // 365 days

        var e = Eval.At(b.Build(), "2026-01-01");

        Assert.Equal(2_000_000m, e.Only(Key).DecimalDetail("annualizedRevenuePerContractedMwUsd"));
        Assert.Equal(20_000_000m, e.Tranche("T1").RevenueAtRiskUsd);
    }

    [Fact]
    public void A_company_without_tranches_or_RFS_dates_has_no_data()
    {
        var none = new CompanyBuilder();
        Assert.Equal(SignpostStatus.NoData, Eval.At(none.Build(), "2026-01-01").Only(Key).Status);

        var undated = new CompanyBuilder();
        var k = undated.Contract("CW-1", 100m, "2025-01-01");
        undated.Tranche("T1", 100m, k);
        var e = Eval.At(undated.Build(), "2026-01-01");
        Assert.Equal(SignpostStatus.NoData, e.Only(Key).Status);
        Assert.Null(e.Tranche("T1").SlipDays);
        Assert.Equal(SlipSeverity.None, e.Tranche("T1").Severity);
    }

    [Fact]
    public void Cancelled_tranches_are_left_out_of_everything()
    {
        var b = new CompanyBuilder();
        var gone = b.Tranche("GONE", 100m, status: TrancheStatus.Cancelled);
        b.Revision(gone, "2025-06-01", "2025-09-30"); // would be overdue
        var ok = b.Tranche("OK", 100m);
        b.Revision(ok, "2025-06-01", "2026-09-30");

        var e = Eval.At(b.Build(), "2026-01-01");

        Assert.DoesNotContain(e.Tranches, t => t.TrancheCode == "GONE");
        Assert.Equal(SignpostStatus.Ok, e.Only(Key).Status);
        Assert.Equal(1, e.Only(Key).Detail<int>("trancheCount"));
    }

    [Fact]
    public void The_first_announced_date_is_the_baseline_and_the_latest_announced_is_current_whatever_the_input_order()
    {
        var b = new CompanyBuilder();
        var t = b.Tranche("T1", 100m);
        b.Revision(t, "2025-12-01", "2026-08-31");
        b.Revision(t, "2025-06-01", "2026-06-30");
        b.Revision(t, "2025-09-01", "2026-07-31");

        var slip = Eval.At(b.Build(), "2026-01-01").Tranche("T1");

        Assert.Equal(TestDates.D("2026-06-30"), slip.BaselineRfs);
        Assert.Equal(TestDates.D("2026-08-31"), slip.CurrentRfs);
        Assert.Equal(62, slip.SlipDays);
    }

    [Fact]
    public void Tranches_are_listed_by_site_then_code()
    {
        var b = new CompanyBuilder();
        var west = b.Site("West");
        var east = b.Site("East");
        b.Revision(b.Tranche("W-2", 1m, site: west), "2025-01-01", "2026-01-01");
        b.Revision(b.Tranche("W-1", 1m, site: west), "2025-01-01", "2026-01-01");
        b.Revision(b.Tranche("E-1", 1m, site: east), "2025-01-01", "2026-01-01");

        var e = Eval.At(b.Build(), "2025-06-01");

        Assert.Equal(["E-1", "W-1", "W-2"], e.Tranches.Select(t => t.TrancheCode).ToArray());
        Assert.Equal("East", e.Tranches[0].SiteName);
    }
}

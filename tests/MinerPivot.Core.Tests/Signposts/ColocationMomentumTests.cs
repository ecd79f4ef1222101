using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class ColocationMomentumTests
{
    private const string Key = SignpostKeys.ColocationMomentum;

    [Fact]
    public void Core_Scientific_8_6M_to_77_5M_is_plus_801_2_percent_YoY_and_met()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", colocationUsd: 8_600_000m);
        b.Quarter("2025-12-31", colocationUsd: 70_000_000m);
        b.Quarter("2026-03-31", colocationUsd: 77_500_000m);

        var s = Eval.At(b.Build(), "2026-05-15").Only(Key);

        Assert.Equal(SignpostStatus.Met, s.Status);
        Assert.Equal(SignpostKind.Validation, s.Kind);
        Assert.Equal(801.2m, Math.Round(s.Value!.Value, 1));
        Assert.Equal(801.16m, s.DecimalDetail("yoyPct"));
        Assert.Equal(10.71m, s.DecimalDetail("qoqPct"));
        Assert.Equal(50m, s.Target);
        Assert.Equal("percent", s.Unit);
        Assert.Equal(TestDates.D("2025-03-31"), s.Detail<DateOnly>("yearAgoPeriodEnd"));
        Assert.Equal(TestDates.D("2025-12-31"), s.Detail<DateOnly>("previousPeriodEnd"));
        Assert.Equal(TestDates.D("2026-03-31"), s.Detail<DateOnly>("latestPeriodEnd"));
        Assert.Equal(77_500_000m, s.DecimalDetail("latestRevenueUsd"));
        Assert.Equal(8_600_000m, s.DecimalDetail("yearAgoRevenueUsd"));
        Assert.Contains("$77.5M", s.Explanation);
        Assert.Contains("+801.16% YoY vs $8.6M", s.Explanation);
        Assert.Null(s.Subject);
    }

    [Fact]
    public void One_quarter_is_no_data()
    {
        var b = new CompanyBuilder();
        b.Quarter("2026-03-31", colocationUsd: 77_500_000m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(SignpostStatus.NoData, s.Status);
        Assert.Null(s.Value);
    }

    [Fact]
    public void Quarters_that_do_not_report_colocation_revenue_do_not_count()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-12-31", billableMw: 100m);
        b.Quarter("2026-03-31", colocationUsd: 77_500_000m);

        Assert.Equal(SignpostStatus.NoData, Eval.At(b.Build(), "2026-06-01").Only(Key).Status);
    }

    [Fact]
    public void Exactly_plus_50_percent_YoY_with_flat_QoQ_is_met()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", colocationUsd: 100m);
        b.Quarter("2025-12-31", colocationUsd: 150m);
        b.Quarter("2026-03-31", colocationUsd: 150m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(SignpostStatus.Met, s.Status);
        Assert.Equal(50m, s.Value);
        Assert.Equal(0m, s.DecimalDetail("qoqPct"));
    }

    [Fact]
    public void Plus_49_99_percent_YoY_is_on_track()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", colocationUsd: 10_000m);
        b.Quarter("2025-12-31", colocationUsd: 14_000m);
        b.Quarter("2026-03-31", colocationUsd: 14_999m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(49.99m, s.Value);
        Assert.Equal(SignpostStatus.OnTrack, s.Status);
    }

    [Fact]
    public void Growth_without_a_year_ago_quarter_is_on_track()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-12-31", colocationUsd: 10m);
        b.Quarter("2026-03-31", colocationUsd: 20m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(SignpostStatus.OnTrack, s.Status);
        Assert.Null(s.Value);
        Assert.Equal(100m, s.DecimalDetail("qoqPct"));
        Assert.Contains("no year-ago quarter", s.Explanation);
    }

    [Fact]
    public void One_QoQ_decline_is_at_risk_even_with_strong_YoY()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", colocationUsd: 10m);
        b.Quarter("2025-09-30", colocationUsd: 50m);
        b.Quarter("2025-12-31", colocationUsd: 80m);
        b.Quarter("2026-03-31", colocationUsd: 79m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(SignpostStatus.AtRisk, s.Status);
        Assert.Equal(-1.25m, s.DecimalDetail("qoqPct"));
        Assert.Equal(690m, s.Value);
    }

    [Fact]
    public void Two_QoQ_declines_in_a_row_are_breached()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-09-30", colocationUsd: 100m);
        b.Quarter("2025-12-31", colocationUsd: 90m);
        b.Quarter("2026-03-31", colocationUsd: 80m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(SignpostStatus.Breached, s.Status);
        Assert.Equal(-10m, s.DecimalDetail("previousQoqPct"));
        Assert.Equal(-11.11m, s.DecimalDetail("qoqPct"));
        Assert.Contains("two QoQ declines", s.Explanation);
    }

    [Fact]
    public void A_decline_then_a_recovery_is_not_at_risk()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-09-30", colocationUsd: 100m);
        b.Quarter("2025-12-31", colocationUsd: 90m);
        b.Quarter("2026-03-31", colocationUsd: 95m);

        Assert.Equal(SignpostStatus.OnTrack, Eval.At(b.Build(), "2026-06-01").Only(Key).Status);
    }

    [Theory]
    [InlineData("2025-02-14", true)]   // 410 days earlier: inside 365 + 45
    [InlineData("2025-02-13", false)]  // 411 days earlier
    [InlineData("2025-05-15", true)]   // 320 days earlier: inside 365 - 45
    [InlineData("2025-05-16", false)]  // 319 days earlier
    public void The_year_ago_quarter_ends_365_plus_or_minus_45_days_earlier(string yearAgoEnd, bool used)
    {
        var b = new CompanyBuilder();
        b.Quarter(yearAgoEnd, colocationUsd: 10m);
        b.Quarter("2025-12-31", colocationUsd: 80m);
        b.Quarter("2026-03-31", colocationUsd: 100m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(used ? 900m : null, s.Value);
        Assert.Equal(used ? SignpostStatus.Met : SignpostStatus.OnTrack, s.Status);
    }

    [Fact]
    public void The_quarter_closest_to_a_year_earlier_is_the_year_ago_quarter()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-02-28", colocationUsd: 1m);
        b.Quarter("2025-03-31", colocationUsd: 10m);
        b.Quarter("2025-04-30", colocationUsd: 1m);
        b.Quarter("2026-03-31", colocationUsd: 20m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(TestDates.D("2025-03-31"), s.Detail<DateOnly>("yearAgoPeriodEnd"));
        Assert.Equal(100m, s.Value);
    }

    [Fact]
    public void Revenue_starting_from_zero_a_year_ago_counts_as_met_without_a_percentage()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", colocationUsd: 0m);
        b.Quarter("2025-12-31", colocationUsd: 5_000_000m);
        b.Quarter("2026-03-31", colocationUsd: 8_000_000m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(SignpostStatus.Met, s.Status);
        Assert.Null(s.Value);
        Assert.Contains("YoY up from $0", s.Explanation);
    }

    [Fact]
    public void A_quarter_reported_after_the_as_of_date_is_ignored()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", reportedOn: "2025-05-06", colocationUsd: 8_600_000m);
        b.Quarter("2025-12-31", reportedOn: "2026-02-25", colocationUsd: 70_000_000m);
        b.Quarter("2026-03-31", reportedOn: "2026-05-07", colocationUsd: 77_500_000m);

        var before = Eval.At(b.Build(), "2026-05-06").Only(Key);
        var after = Eval.At(b.Build(), "2026-05-07").Only(Key);

        Assert.Equal(TestDates.D("2025-12-31"), before.Detail<DateOnly>("latestPeriodEnd"));
        Assert.Equal(TestDates.D("2026-03-31"), after.Detail<DateOnly>("latestPeriodEnd"));
        Assert.Equal(801.16m, after.Value);
    }
}

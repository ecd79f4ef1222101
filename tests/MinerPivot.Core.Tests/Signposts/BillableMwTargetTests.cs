using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class BillableMwTargetTests
{
    private const string Key = SignpostKeys.BillableMwTarget;

    /// <summary>Billable 200 → 290 MW over the 90 days from 2025-12-31 to 2026-03-31: a trailing 1 MW/day.</summary>
    private static CompanyBuilder CoreScientific(decimal targetMw = 450m, decimal billableBefore = 200m)
    {
        var b = new CompanyBuilder();
        b.Target(targetMw, "2026-09-22", announcedOn: "2025-11-01");
        b.Quarter("2025-12-31", reportedOn: "2026-02-25", billableMw: billableBefore);
        b.Quarter("2026-03-31", reportedOn: "2026-05-07", billableMw: 290m);
        return b;
    }

    [Fact]
    public void Core_Scientific_450_MW_by_end_of_summer_2026_is_at_risk_at_1_MW_per_day()
    {
        var s = Eval.At(CoreScientific().Build(), "2026-05-15").Only(Key);

        Assert.Equal("450 MW by 2026-09-22", s.Subject);
        Assert.Equal(SignpostStatus.AtRisk, s.Status);
        Assert.Equal(290m, s.Value);
        Assert.Equal(450m, s.Target);
        Assert.Equal("MW", s.Unit);
        Assert.Equal(1.2308m, s.DecimalDetail("requiredMwPerDay")); // 160 MW over 130 days
        Assert.Equal(1m, s.DecimalDetail("trailingMwPerDay"));
        Assert.Equal(TestDates.D("2026-09-22"), s.Detail<DateOnly>("deadline"));
        Assert.Equal(130, s.Detail<int>("daysToDeadline"));
        Assert.Contains("needs 1.2308 MW/day over 130 days", s.Explanation);
    }

    [Fact]
    public void A_trailing_rate_above_the_required_rate_is_on_track()
    {
        var s = Eval.At(CoreScientific(billableBefore: 170m).Build(), "2026-05-15").Only(Key);

        Assert.Equal(1.3333m, s.DecimalDetail("trailingMwPerDay"));
        Assert.Equal(SignpostStatus.OnTrack, s.Status);
    }

    [Theory]
    [InlineData(420, "on_track")] // required exactly 1 MW/day = trailing
    [InlineData(421, "at_risk")]  // required 1.0077 MW/day
    public void The_trailing_rate_must_at_least_equal_the_required_rate(int targetMw, string expected)
    {
        var s = Eval.At(CoreScientific(targetMw).Build(), "2026-05-15").Only(Key);

        Assert.Equal(expected, s.Status.ToWire());
    }

    [Fact]
    public void Reaching_the_target_exactly_is_met()
    {
        var s = Eval.At(CoreScientific(targetMw: 290m).Build(), "2026-05-15").Only(Key);

        Assert.Equal(SignpostStatus.Met, s.Status);
    }

    [Fact]
    public void Short_of_the_target_the_day_after_the_deadline_is_missed()
    {
        var s = Eval.At(CoreScientific().Build(), "2026-09-23").Only(Key);

        Assert.Equal(SignpostStatus.Missed, s.Status);
        Assert.Contains("has passed with 290 MW billable", s.Explanation);
    }

    [Fact]
    public void Short_of_the_target_on_the_deadline_day_is_at_risk_not_yet_missed()
    {
        var s = Eval.At(CoreScientific().Build(), "2026-09-22").Only(Key);

        Assert.Equal(SignpostStatus.AtRisk, s.Status);
        Assert.Null(s.DecimalDetail("requiredMwPerDay"));
    }

    [Fact]
    public void A_single_quarter_with_billable_MW_is_no_data_before_the_deadline()
    {
        var b = new CompanyBuilder();
        b.Target(450m, "2026-09-22", "2025-11-01");
        b.Quarter("2026-03-31", billableMw: 290m);

        var s = Eval.At(b.Build(), "2026-05-15").Only(Key);

        Assert.Equal(SignpostStatus.NoData, s.Status);
        Assert.Equal(290m, s.Value);
    }

    [Fact]
    public void A_single_quarter_can_still_show_met_or_missed()
    {
        var b = new CompanyBuilder();
        b.Target(450m, "2026-09-22", "2025-11-01");
        b.Target(250m, "2026-12-31", "2025-11-01");
        b.Quarter("2026-09-30", reportedOn: "2026-11-05", billableMw: 300m);

        var e = Eval.At(b.Build(), "2026-11-10");

        Assert.Equal(SignpostStatus.Missed, e.For(Key, "450 MW by 2026-09-22").Status);
        Assert.Equal(SignpostStatus.Met, e.For(Key, "250 MW by 2026-12-31").Status);
    }

    [Fact]
    public void No_reported_billable_MW_is_no_data_even_after_the_deadline()
    {
        var b = new CompanyBuilder();
        b.Target(450m, "2026-09-22", "2025-11-01");

        Assert.Equal(SignpostStatus.NoData, Eval.At(b.Build(), "2026-10-01").Only(Key).Status);
    }

    [Fact]
    public void A_target_announced_after_the_as_of_date_is_not_evaluated()
    {
        var b = CoreScientific();
        b.Target(600m, "2027-06-30", announcedOn: "2026-06-01");

        var e = Eval.At(b.Build(), "2026-05-31");

        Assert.Single(e.WithKey(Key));
        Assert.Equal(2, Eval.At(b.Build(), "2026-06-01").WithKey(Key).Count());
    }

    [Fact]
    public void A_company_without_targets_shows_no_target_signpost()
    {
        var b = new CompanyBuilder();
        b.Quarter("2026-03-31", billableMw: 290m);

        Assert.Empty(Eval.At(b.Build(), "2026-05-15").WithKey(Key));
    }

    [Fact]
    public void Several_targets_are_listed_by_deadline()
    {
        var b = CoreScientific();
        b.Target(300m, "2026-06-30", "2025-11-01");

        var subjects = Eval.At(b.Build(), "2026-05-15").WithKey(Key).Select(s => s.Subject!).ToArray();

        Assert.Equal(["300 MW by 2026-06-30", "450 MW by 2026-09-22"], subjects);
    }
}

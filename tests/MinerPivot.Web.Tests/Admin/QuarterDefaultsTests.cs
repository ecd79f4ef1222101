using System.Globalization;
using MinerPivot.Web.Features.Admin;
using MinerPivot.Web.Tests.Import;

namespace MinerPivot.Web.Tests.Admin;

public class QuarterDefaultsTests
{
    [Fact]
    public void The_proposed_fiscal_label_matches_every_label_of_the_demo_dataset()
    {
        var fiscalYearEnd = DemoFiles.Text("companies.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(c => c[0], c => int.Parse(c[^1], CultureInfo.InvariantCulture));
        var quarters = DemoFiles.Text("quarterly.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();

        Assert.Equal(DemoFiles.RowCount("quarterly.csv"), quarters.Count);
        Assert.All(quarters, q => Assert.Equal(q[2], QuarterDefaults.FiscalLabel(DateOnly.Parse(q[1], CultureInfo.InvariantCulture), fiscalYearEnd[q[0]])));
    }

    [Theory]
    [InlineData("2026-05-31", "2026-03-31")]
    [InlineData("2026-04-01", "2026-03-31")]
    [InlineData("2026-01-15", "2025-12-31")]
    [InlineData("2026-12-31", "2026-09-30")]
    public void The_proposed_period_end_is_the_last_quarter_end_before_today(string today, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), QuarterDefaults.LatestPeriodEnd(DateOnly.Parse(today, CultureInfo.InvariantCulture)));

    [Fact]
    public void Reported_on_is_today_but_never_before_the_period_end()
    {
        Assert.Equal(new DateOnly(2026, 5, 31), QuarterDefaults.ReportedOn(new DateOnly(2026, 5, 31), new DateOnly(2026, 3, 31)));
        Assert.Equal(new DateOnly(2026, 6, 30), QuarterDefaults.ReportedOn(new DateOnly(2026, 5, 31), new DateOnly(2026, 6, 30)));
    }
}

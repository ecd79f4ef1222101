using MinerPivot.Core.Alerts;
using MinerPivot.TestSupport;
using MinerPivot.Web.Features.Alerts;
using static MinerPivot.Web.Tests.Alerts.AlertTestData;

namespace MinerPivot.Web.Tests.Alerts;

/// <summary>The daily run at Alerts:DailyAtUtc (06:00) on the test clock: a tranche whose RFS day passed becomes overdue.</summary>
public class AlertDailyRunTests(AlertDailyRunTests.DailyOnlyApp app) : IClassFixture<AlertDailyRunTests.DailyOnlyApp>
{
    /// <summary>No listener: a data change starts no evaluation, so only the daily run can open the alert.</summary>
    public sealed class DailyOnlyApp : MinerPivotApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Alerts:ListenForChanges"] = "false" };
    }

    [Fact]
    public async Task The_daily_run_opens_a_critical_alert_for_a_tranche_that_became_overdue_overnight()
    {
        var ticker = NewTicker("DAY");
        await AddCompanyAsync(app.Services, ticker);
        // Pulled in to today, 2026-05-31: not late yet (−122 days against the baseline, not overdue).
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 1), new(2026, 5, 31), "pulled in 2026-05-01");
        await EvaluateAsync(app.Services);
        Assert.Empty(await AlertsForAsync(app.Services, RfsKey(ticker)));

        // 2026-05-31 12:00 → 2026-06-01 06:00: the daily run evaluates as of 2026-06-01, with no data change.
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero), AlertTriggers.NextDailyRun(app.Clock.GetUtcNow(), new TimeOnly(6, 0)));
        app.Clock.Advance(TimeSpan.FromHours(18));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<Alert> alerts;
        do
        {
            await Task.Delay(100);
            alerts = await AlertsForAsync(app.Services, RfsKey(ticker));
        }
        while (alerts.Count == 0 && DateTime.UtcNow < deadline);
        var alert = Assert.Single(alerts);
        Assert.Equal((AlertSeverity.Critical, "none", "critical"), (alert.Severity, alert.OldStatus, alert.NewStatus));
        Assert.Contains("overdue since its current RFS 2026-05-31", alert.WhatChanged);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero), alert.OpenedAt);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Core.Alerts;
using MinerPivot.Core.Domain;
using MinerPivot.Data;
using MinerPivot.Data.Import;
using MinerPivot.TestSupport;
using MinerPivot.Web.Tests.Import;
using Npgsql;
using static MinerPivot.Web.Tests.Alerts.AlertTestData;

namespace MinerPivot.Web.Tests.Alerts;

/// <summary>The alert engine on a real database: open, escalate, acknowledge, resolve; idempotent; one alert per condition.</summary>
public class AlertEngineTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    [Fact]
    public async Task A_revision_that_worsens_severity_opens_exactly_one_alert_and_a_worse_one_escalates_it()
    {
        var ticker = NewTicker("OPN");
        await AddCompanyAsync(app.Services, ticker);
        await EvaluateAsync(app.Services);
        Assert.Empty(await AlertsForAsync(app.Services, RfsKey(ticker)));

        // +46 days: major.
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 20), new(2026, 11, 15), "Q1 call 2026-05-20", "transformer delay");
        await EvaluateAsync(app.Services);
        var alert = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Equal(AlertSeverity.Major, alert.Severity);
        Assert.Equal(("none", "major"), (alert.OldStatus, alert.NewStatus));
        Assert.Equal(ticker, alert.Ticker);
        Assert.Equal("tranche", alert.SubjectKind);
        Assert.Equal(TrancheCode, alert.SubjectCode);
        Assert.Contains("revision announced 2026-05-20 moved the RFS to 2026-11-15 (transformer delay), +46 days against the baseline 2026-09-30", alert.WhatChanged);
        Assert.Equal("Q1 call 2026-05-20", alert.CauseSource);
        Assert.Equal(6_301_369.86m, alert.RevenueAtRiskUsd); // 50 MW × $1M per MW-year × 46 / 365
        Assert.Equal(app.Clock.GetUtcNow(), alert.OpenedAt);
        Assert.Equal("opened", Assert.Single(alert.Events).Kind);

        // Re-evaluating the same data changes nothing.
        var again = await EvaluateAsync(app.Services);
        Assert.Equal(0, again.Opened + again.Escalated + again.Changed + again.Resolved + again.StatesChanged);
        var same = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        Assert.Equal(alert.Version, same.Version);

        // +124 days: critical, the same alert escalates in place.
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 25), new(2027, 2, 1), "8-K 2026-05-25");
        await EvaluateAsync(app.Services);
        var escalated = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        Assert.Equal(alert.Id, escalated.Id);
        Assert.Equal(AlertSeverity.Critical, escalated.Severity);
        Assert.Equal(("major", "critical"), (escalated.OldStatus, escalated.NewStatus));
        Assert.Equal("8-K 2026-05-25", escalated.CauseSource);
        Assert.Equal(["opened", "escalated"], escalated.Events.OrderBy(e => e.Id).Select(e => e.Kind));

        // The contract whose tranche is late is at risk: a minor alert of its own, with the tranche's revenue at risk.
        var contract = Assert.Single(await AlertsForAsync(app.Services, $"{ticker}|contract_delivery|K1"));
        Assert.Equal(AlertSeverity.Minor, contract.Severity);
        Assert.Equal(("on_track", "at_risk"), (contract.OldStatus, contract.NewStatus));
    }

    [Fact]
    public async Task Clearing_the_condition_resolves_the_alert_and_a_new_slip_opens_a_new_one()
    {
        var ticker = NewTicker("CLR");
        await AddCompanyAsync(app.Services, ticker);
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 10), new(2026, 10, 20), "update 2026-05-10"); // +20: minor
        await EvaluateAsync(app.Services);
        var minor = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        Assert.Equal(AlertSeverity.Minor, minor.Severity);

        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 20), Baseline, "back on plan 2026-05-20");
        var result = await EvaluateAsync(app.Services);
        Assert.True(result.Resolved >= 1);
        var resolved = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal("system", resolved.ResolvedBy);
        Assert.Equal(app.Clock.GetUtcNow(), resolved.ResolvedAt);
        Assert.Contains("Cleared: minor → none", resolved.Events.Single(e => e.Kind == "resolved").Details);

        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 30), new(2027, 3, 1), "update 2026-05-30"); // +152: critical
        await EvaluateAsync(app.Services);
        var alerts = await AlertsForAsync(app.Services, RfsKey(ticker));
        Assert.Equal(2, alerts.Count);
        Assert.Equal(AlertStatus.Resolved, alerts[0].Status);
        Assert.Equal((AlertStatus.Open, AlertSeverity.Critical, "none", "critical"), (alerts[1].Status, alerts[1].Severity, alerts[1].OldStatus, alerts[1].NewStatus));
    }

    [Fact]
    public async Task An_acknowledged_alert_stays_until_its_condition_clears_and_cannot_be_acknowledged_twice()
    {
        var ticker = NewTicker("ACK");
        await AddCompanyAsync(app.Services, ticker);
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 20), new(2026, 12, 1), "update 2026-05-20"); // +62: major
        await EvaluateAsync(app.Services);
        var alert = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));

        var pm = await app.BearerClientAsync(await app.CreateUserAsync(Roles.Pm));
        var ack = await pm.PostAsJsonAsync($"/api/v1/alerts/{alert.Id}/ack", new { comment = "Called IR, utility work booked" });
        var body = await ack.Content.ReadAsStringAsync();
        Assert.True(ack.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("acknowledged", json.GetProperty("status").GetString());
        Assert.Equal("Called IR, utility work booked", json.GetProperty("acknowledgeComment").GetString());
        Assert.StartsWith("pm-", json.GetProperty("acknowledgedBy").GetString());

        await EvaluateAsync(app.Services);
        var kept = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        Assert.Equal(AlertStatus.Acknowledged, kept.Status);

        var twice = await pm.PostAsJsonAsync($"/api/v1/alerts/{alert.Id}/ack", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("application/problem+json", twice.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already acknowledged by pm-", (await twice.Content.ReadAsStringAsync()));

        // Worse while acknowledged: escalated in place, still acknowledged.
        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 25), new(2027, 1, 31), "update 2026-05-25"); // +123: critical
        await EvaluateAsync(app.Services);
        var worse = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        Assert.Equal((AlertStatus.Acknowledged, AlertSeverity.Critical), (worse.Status, worse.Severity));

        await AddRevisionAsync(app.Services, ticker, new(2026, 5, 28), Baseline, "update 2026-05-28");
        await EvaluateAsync(app.Services);
        var cleared = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        Assert.Equal(AlertStatus.Resolved, cleared.Status);
        Assert.Equal(["opened", "acknowledged", "escalated", "resolved"], cleared.Events.OrderBy(e => e.Id).Select(e => e.Kind));

        var afterResolve = await pm.PostAsJsonAsync($"/api/v1/alerts/{alert.Id}/ack", new { });
        Assert.Equal(HttpStatusCode.Conflict, afterResolve.StatusCode);
        Assert.Contains("already resolved", await afterResolve.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_overdue_tranche_is_critical_and_a_downsized_contract_breaches_demand_integrity()
    {
        var ticker = NewTicker("OVD");
        await AddCompanyAsync(app.Services, ticker);
        // Current RFS 2026-04-30 passed on 2026-05-31 without delivery: overdue, critical, though it slipped forward.
        await AddRevisionAsync(app.Services, ticker, new(2026, 2, 1), new(2026, 4, 30), "pulled in 2026-02-01");
        await using (var db = await CreateDbAsync(app.Services))
        {
            var contract = await db.Contracts.SingleAsync(c => c.Company!.Ticker == ticker);
            db.ContractEvents.Add(new ContractEvent { ContractId = contract.Id, Kind = ContractEventKind.Downsized, EventOn = new(2026, 5, 15), MwChange = 40m, Source = "8-K downsizing 2026-05-15" });
            await db.SaveChangesAsync();
        }
        await EvaluateAsync(app.Services);

        var overdue = Assert.Single(await AlertsForAsync(app.Services, RfsKey(ticker)));
        Assert.Equal(AlertSeverity.Critical, overdue.Severity);
        Assert.Contains("overdue since its current RFS 2026-04-30 (announced 2026-02-01): 31 days past it", overdue.WhatChanged);
        var demand = Assert.Single(await AlertsForAsync(app.Services, $"{ticker}|demand_integrity"));
        Assert.Equal((AlertSeverity.Major, "ok", "breached"), (demand.Severity, demand.OldStatus, demand.NewStatus));
        Assert.Contains("contract K1 (Hyperscaler A) downsized by 40 MW on 2026-05-15", demand.WhatChanged);
        Assert.Equal("8-K downsizing 2026-05-15", demand.CauseSource);
    }

    [Fact]
    public async Task The_database_refuses_a_second_unresolved_alert_for_one_condition()
    {
        await using var db = await CreateDbAsync(app.Services);
        Alert New() => new()
        {
            Ticker = "DUP", CompanyName = "Dup", SignpostKey = "rfs_slippage", SubjectKind = "tranche", SubjectCode = "X",
            ConditionKey = "DUP|rfs_slippage|X", Severity = AlertSeverity.Major, Status = AlertStatus.Open, OldStatus = "none",
            NewStatus = "major", WhatChanged = "test", OpenedAt = app.Clock.GetUtcNow(),
        };
        db.Alerts.Add(New());
        await db.SaveChangesAsync();
        db.Alerts.Add(New());
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal("ux_alerts_condition_key_unresolved", Assert.IsType<PostgresException>(error.InnerException).ConstraintName);
    }

    [Fact]
    public async Task A_change_written_by_anyone_is_evaluated_without_calling_the_engine()
    {
        var ticker = NewTicker("LSN");
        await AddCompanyAsync(app.Services, ticker);
        // Plain SQL, as another process would write it: the trigger notifies, the listener evaluates.
        await using (var db = await CreateDbAsync(app.Services))
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO rfs_revisions (tranche_id, announced_on, rfs_date, source)
                SELECT t.id, DATE '2026-05-21', DATE '2026-12-15', 'raw SQL revision'
                FROM tranches t JOIN companies c ON c.id = t.company_id WHERE c.ticker = {ticker} AND t.code = {TrancheCode}
                """);
        }
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<Alert> alerts;
        do
        {
            await Task.Delay(200);
            alerts = await AlertsForAsync(app.Services, RfsKey(ticker));
        }
        while (alerts.Count == 0 && DateTime.UtcNow < deadline);
        var alert = Assert.Single(alerts);
        Assert.Equal((AlertSeverity.Major, "raw SQL revision"), (alert.Severity, alert.CauseSource));
    }
}

/// <summary>Importing the demo dataset twice: the second import (and its evaluation) opens, escalates and resolves nothing.</summary>
public class AlertImportReplayTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    [Fact]
    public async Task Replaying_the_same_import_opens_nothing_new()
    {
        await ImportDemoAsync();
        var first = await EvaluateAsync(app.Services);
        Assert.True(first.Conditions > 50, $"{first.Conditions} conditions");
        var before = await SnapshotAsync();
        Assert.Contains(before, a => a.Key == "CORZ|rfs_slippage|DENTON" && a.Severity == AlertSeverity.Critical);

        await ImportDemoAsync();
        var second = await EvaluateAsync(app.Services);
        Assert.Equal(0, second.Opened + second.Escalated + second.Changed + second.Resolved + second.StatesChanged);
        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task ImportDemoAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MinerPivotDbContext>();
        var result = await new CsvImporter(db, app.Clock).ImportAsync(DemoFiles.All(), "replay-test");
        Assert.Equal(0, result.ErrorCount);
    }

    private async Task<List<(long Id, string Key, AlertStatus Status, AlertSeverity Severity, uint Version, int Events)>> SnapshotAsync()
    {
        await using var db = await CreateDbAsync(app.Services);
        return (await db.Alerts.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.ConditionKey, a.Status, a.Severity, a.Version, Events = a.Events.Count }).ToListAsync())
            .Select(a => (a.Id, a.ConditionKey, a.Status, a.Severity, a.Version, a.Events)).ToList();
    }
}

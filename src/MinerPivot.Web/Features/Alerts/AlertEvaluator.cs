using System.Data;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinerPivot.Core.Alerts;
using MinerPivot.Core.Signposts;
using MinerPivot.Data;
using MinerPivot.Web.Components.Shared;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>What one evaluation did.</summary>
public sealed record AlertEvaluationResult(
    DateOnly AsOf, int Conditions, int Opened, int Escalated, int Changed, int Resolved, int StatesChanged, int Notifications, TimeSpan Elapsed)
{
    public bool ChangedAlerts => Opened + Escalated + Changed + Resolved > 0;
}

/// <summary>
/// Evaluates every company as of today and brings the alerts in line, in one transaction: opens an alert for a
/// condition that turned bad, escalates an unresolved alert in place when its condition got worse, resolves it when the
/// condition cleared. Unchanged data changes nothing. Evaluations are serialized by an advisory lock taken before the
/// facts are read, so a later run always sees data at least as new as an earlier one.
/// </summary>
public sealed class AlertEvaluator(
    IDbContextFactory<MinerPivotDbContext> dbFactory,
    SignpostService signposts,
    IOptions<SignpostThresholds> thresholds,
    IOptionsMonitor<AlertsOptions> options,
    AlertSignals signals,
    TimeProvider time,
    ILogger<AlertEvaluator> logger)
{
    public const string System = "system";
    private const long EvaluationLockKey = 0x4D50_416C_6572_7473; // "MPAlerts"

    private readonly SignpostEngine _engine = new(thresholds.Value);

    /// <summary>Runs one evaluation; <paramref name="trigger"/> is logged (start-up, data change, daily, test…).</summary>
    public async Task<AlertEvaluationResult> EvaluateAsync(string trigger, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await RunAsync(ct);
                logger.Log(result.ChangedAlerts ? LogLevel.Information : LogLevel.Debug,
                    "Alerts evaluated ({Trigger}) as of {AsOf}: {Conditions} conditions, {Opened} opened, {Escalated} escalated, {Changed} changed, {Resolved} resolved in {Elapsed} ms",
                    trigger, result.AsOf, result.Conditions, result.Opened, result.Escalated, result.Changed, result.Resolved, (int)result.Elapsed.TotalMilliseconds);
                if (result.ChangedAlerts) signals.RaiseAlertsChanged();
                if (result.Notifications > 0) signals.DeliveriesQueued();
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A PM acknowledged an alert meanwhile: evaluate again on the new state.
            }
        }
    }

    private async Task<AlertEvaluationResult> RunAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [EvaluationLockKey], ct);

        var now = time.GetUtcNow();
        var asOf = signposts.Today;
        var facts = await signposts.LoadAllFactsAsync(ct);
        var market = await signposts.GetMarketFactsAsync(ct);
        var conditions = new Dictionary<string, AlertCondition>(StringComparer.Ordinal);
        foreach (var company in facts)
        {
            foreach (var c in AlertConditions.For(company, _engine.Evaluate(company, market, asOf)))
            {
                conditions[c.Key] = c;
            }
        }

        var states = await db.AlertConditionStates.ToDictionaryAsync(s => s.ConditionKey, StringComparer.Ordinal, ct);
        var unresolved = await db.Alerts.Where(a => a.Status != AlertStatus.Resolved).ToDictionaryAsync(a => a.ConditionKey, StringComparer.Ordinal, ct);
        var settings = options.CurrentValue;
        int opened = 0, escalated = 0, changed = 0, resolved = 0, statesChanged = 0;
        var notify = new List<(Alert Alert, string Kind)>();

        foreach (var c in conditions.Values)
        {
            states.TryGetValue(c.Key, out var state);
            var previous = state?.Status ?? AlertWire.None;
            if (unresolved.TryGetValue(c.Key, out var alert))
            {
                if (c.Severity is not { } severity)
                {
                    Resolve(db, alert, now, $"Cleared: {alert.NewStatus} → {c.Status}. {c.Cause}");
                    resolved++;
                }
                else if (severity > alert.Severity)
                {
                    var details = $"Escalated {alert.Severity.ToWire()} → {severity.ToWire()} ({alert.NewStatus} → {c.Status}). {c.Cause}";
                    alert.Severity = severity;
                    alert.OldStatus = alert.NewStatus;
                    alert.NewStatus = c.Status;
                    alert.WhatChanged = Clip(c.Cause, 2000);
                    alert.CauseSource = c.CauseSource;
                    alert.RevenueAtRiskUsd = c.RevenueAtRiskUsd;
                    AddEvent(db, alert, "escalated", now, details);
                    escalated++;
                    if (severity >= AlertSeverity.Major) notify.Add((alert, "escalated"));
                }
                else
                {
                    if (c.Status != alert.NewStatus)
                    {
                        // Better or sideways but still bad: the alert keeps its peak severity and records the change.
                        AddEvent(db, alert, "changed", now, $"Now {c.Status} (was {alert.NewStatus}); still needs attention. {c.Cause}");
                        alert.NewStatus = c.Status;
                        changed++;
                    }
                    if (alert.RevenueAtRiskUsd != c.RevenueAtRiskUsd)
                    {
                        alert.RevenueAtRiskUsd = c.RevenueAtRiskUsd;
                    }
                }
            }
            else if (c.Severity is { } severity)
            {
                var created = new Alert
                {
                    Ticker = c.Ticker,
                    CompanyName = c.CompanyName,
                    SignpostKey = c.SignpostKey,
                    SubjectKind = c.SubjectKind,
                    SubjectCode = c.SubjectCode,
                    ConditionKey = c.Key,
                    Severity = severity,
                    Status = AlertStatus.Open,
                    OldStatus = previous,
                    NewStatus = c.Status,
                    WhatChanged = Clip(c.Cause, 2000),
                    CauseSource = c.CauseSource,
                    RevenueAtRiskUsd = c.RevenueAtRiskUsd,
                    OpenedAt = now,
                };
                db.Alerts.Add(created);
                AddEvent(db, created, "opened", now, $"Opened {severity.ToWire()}: {previous} → {c.Status}. {c.Cause}");
                opened++;
                if (severity >= AlertSeverity.Major) notify.Add((created, "opened"));
            }

            if (state is null)
            {
                db.AlertConditionStates.Add(new AlertConditionState { ConditionKey = c.Key, Status = c.Status, ChangedAt = now });
                statesChanged++;
            }
            else if (state.Status != c.Status)
            {
                state.Status = c.Status;
                state.ChangedAt = now;
                statesChanged++;
            }
        }

        // Conditions no longer evaluated: the tranche was cancelled, the contract or company removed.
        foreach (var (key, alert) in unresolved)
        {
            if (conditions.ContainsKey(key)) continue;
            Resolve(db, alert, now, $"Cleared: {key} is no longer evaluated (its subject was cancelled or removed).");
            resolved++;
        }
        foreach (var (key, state) in states)
        {
            if (!conditions.ContainsKey(key) && state.Status != "gone")
            {
                state.Status = "gone";
                state.ChangedAt = now;
                statesChanged++;
            }
        }

        if (settings.WebhookEnabled && notify.Count > 0)
        {
            // The alerts need their ids for the payload.
            await db.SaveChangesAsync(ct);
            foreach (var (alert, kind) in notify)
            {
                db.AlertNotifications.Add(new AlertNotification
                {
                    AlertId = alert.Id,
                    Kind = kind,
                    Url = settings.WebhookUrl!.Trim(),
                    Payload = WebhookPayload(alert, kind),
                    Status = NotificationStatus.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AlertEvaluationResult(asOf, conditions.Count, opened, escalated, changed, resolved, statesChanged,
            settings.WebhookEnabled ? notify.Count : 0, watch.Elapsed);
    }

    private static void Resolve(MinerPivotDbContext db, Alert alert, DateTimeOffset now, string details)
    {
        alert.Status = AlertStatus.Resolved;
        alert.ResolvedAt = now;
        alert.ResolvedBy = System;
        AddEvent(db, alert, "resolved", now, details);
    }

    private static void AddEvent(MinerPivotDbContext db, Alert alert, string kind, DateTimeOffset now, string details) =>
        db.AlertEvents.Add(new AlertEvent { Alert = alert, Kind = kind, At = now, By = System, Details = Clip(details, 4000) });

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Slack-compatible: Slack shows "text"; other receivers read "alert".</summary>
    public static string WebhookPayload(Alert alert, string kind)
    {
        var subject = alert.SubjectCode is null ? alert.SignpostKey : $"{alert.SubjectCode} ({alert.SignpostKey})";
        var risk = alert.RevenueAtRiskUsd is { } r && r > 0 ? $" Revenue at risk {Format.Money(r)}." : "";
        var verb = kind == "escalated" ? "escalated" : "opened";
        var text = $"[{alert.Severity.ToWire().ToUpperInvariant()}] {alert.Ticker} {subject} {verb}: {alert.OldStatus} → {alert.NewStatus}. {alert.WhatChanged}{risk}";
        return JsonSerializer.Serialize(new { text, alert = AlertView.From(alert) with { Events = [] } }, PayloadJson);
    }
}

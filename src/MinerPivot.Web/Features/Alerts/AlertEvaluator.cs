using System.Data;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinerPivot.Core.Alerts;
using MinerPivot.Core.Signposts;
using MinerPivot.Data;
using MinerPivot.Core.Text;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>What one evaluation did.</summary>
public sealed record AlertEvaluationResult(
    DateOnly AsOf, int Conditions, int Opened, int Escalated, int Changed, int Resolved, int StatesChanged, int Notifications, TimeSpan Elapsed)
{
    /// <summary>Time spent reading facts, evaluating the signposts, and comparing and writing alerts.</summary>
    public (TimeSpan Load, TimeSpan Evaluate, TimeSpan Write) Phases { get; init; }

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
    IOptionsMonitor<AlertsOptions> options,
    AlertSignals signals,
    TimeProvider time,
    ILogger<AlertEvaluator> logger)
{
    public const string System = "system";
    private const long EvaluationLockKey = 0x4D50_416C_6572_7473; // "MPAlerts"


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
        var market = await signposts.GetMarketFactsAsync(ct);
        var (conditions, failed, evaluateTime) = await CurrentConditionsAsync(market, asOf, ct);
        // A company that could not be evaluated has no conditions this run: its alerts and states stay as they are
        // (they must not resolve as "cleared" because its data broke).
        bool Untouched(string key) => failed.Count > 0 && failed.Contains(key[..Math.Max(key.IndexOf('|'), 0)]);
        var evaluated = watch.Elapsed;

        // Compare on light rows; only the alerts and states that change are loaded whole or written.
        var states = await db.AlertConditionStates.AsNoTracking()
            .Select(x => new { x.ConditionKey, x.Status })
            .ToDictionaryAsync(x => x.ConditionKey, x => x.Status, StringComparer.Ordinal, ct);
        var unresolved = await db.Alerts.AsNoTracking().Where(a => a.Status != AlertStatus.Resolved)
            .Select(a => new ActiveAlert(a.Id, a.ConditionKey, a.Severity, a.NewStatus, a.RevenueAtRiskUsd))
            .ToDictionaryAsync(a => a.ConditionKey, StringComparer.Ordinal, ct);

        var changes = new List<(ActiveAlert Alert, AlertCondition? Condition)>();
        var opens = new List<(AlertCondition Condition, string Previous)>();
        var stateChanges = new List<(string Key, string Status, bool IsNew)>();
        foreach (var c in conditions.Values)
        {
            var known = states.TryGetValue(c.Key, out var previous);
            if (unresolved.TryGetValue(c.Key, out var active))
            {
                if (c.Severity is null || c.Severity > active.Severity || c.Status != active.NewStatus || c.RevenueAtRiskUsd != active.RevenueAtRiskUsd)
                {
                    changes.Add((active, c));
                }
            }
            else if (c.IsBad)
            {
                opens.Add((c, known ? previous! : AlertWire.New));
            }
            if (!known || previous != c.Status)
            {
                stateChanges.Add((c.Key, c.Status, !known));
            }
        }
        // Conditions no longer evaluated: the tranche was cancelled, the contract or company removed.
        foreach (var (key, active) in unresolved)
        {
            if (!conditions.ContainsKey(key) && !Untouched(key)) changes.Add((active, null));
        }
        foreach (var (key, status) in states)
        {
            if (!conditions.ContainsKey(key) && status != Gone && !Untouched(key)) stateChanges.Add((key, Gone, false));
        }

        int opened = 0, escalated = 0, changed = 0, resolved = 0;
        var notify = new List<(Alert Alert, string Kind)>();
        if (changes.Count > 0)
        {
            var ids = changes.Select(x => x.Alert.Id).ToList();
            var tracked = await db.Alerts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            foreach (var (active, c) in changes)
            {
                var alert = tracked[active.Id];
                if (c is null)
                {
                    Resolve(db, alert, now, $"Cleared: {active.ConditionKey} is no longer evaluated (its subject was cancelled or removed).");
                    resolved++;
                }
                else if (c.Severity is not { } severity)
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
                    alert.RevenueAtRiskUsd = c.RevenueAtRiskUsd;
                }
            }
        }
        foreach (var (c, previous) in opens)
        {
            var severity = c.Severity!.Value;
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
        foreach (var (key, status, isNew) in stateChanges)
        {
            var state = new AlertConditionState { ConditionKey = key, Status = status, ChangedAt = now };
            if (isNew)
            {
                db.AlertConditionStates.Add(state);
            }
            else
            {
                db.AlertConditionStates.Update(state);
            }
        }

        var settings = options.CurrentValue;
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
        return new AlertEvaluationResult(asOf, conditions.Count, opened, escalated, changed, resolved, stateChanges.Count,
            settings.WebhookEnabled ? notify.Count : 0, watch.Elapsed)
        {
            Phases = (evaluated - evaluateTime, evaluateTime, watch.Elapsed - evaluated),
        };
    }

    private const string Gone = "gone";

    private sealed record ActiveAlert(long Id, string ConditionKey, AlertSeverity Severity, string NewStatus, decimal? RevenueAtRiskUsd);

    private sealed record CachedCompany(CompanyFacts Facts, DateOnly AsOf, MarketFacts Market, IReadOnlyList<AlertCondition> Conditions,
        string? FailedTicker);

    private readonly Dictionary<int, CachedCompany> _cache = [];

    /// <summary>
    /// Every condition of every company as of <paramref name="asOf"/>. A company is evaluated again only when the fact
    /// store gave new facts for it (it does after any change), the market series or the date changed since the last
    /// evaluation; otherwise its conditions are reused. Called under the evaluation lock, so the cache is never used by
    /// two evaluations at once.
    /// </summary>
    private async Task<(Dictionary<string, AlertCondition> Conditions, HashSet<string> Failed, TimeSpan Evaluate)> CurrentConditionsAsync(
        MarketFacts market, DateOnly asOf, CancellationToken ct)
    {
        var all = await signposts.LoadAllFactsCachedAsync(ct);
        var stale = all
            .Where(f => !_cache.TryGetValue(f.Company.Id, out var cached) || !ReferenceEquals(cached.Facts, f) || cached.AsOf != asOf || !ReferenceEquals(cached.Market, market))
            .ToList();
        foreach (var gone in _cache.Keys.Except(all.Select(f => f.Company.Id)).ToList())
        {
            _cache.Remove(gone);
        }
        var evaluate = TimeSpan.Zero;
        if (stale.Count > 0)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var facts in stale)
            {
                var snapshot = signposts.Snapshot(facts, market, asOf);
                var broken = snapshot.Verdict == Verdict.Error;
                _cache[facts.Company.Id] = new CachedCompany(facts, asOf, market,
                    broken ? [] : AlertConditions.For(snapshot).ToList(), broken ? facts.Company.Ticker : null);
            }
            evaluate = Stopwatch.GetElapsedTime(started);
        }
        var conditions = new Dictionary<string, AlertCondition>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cached in _cache.Values)
        {
            if (cached.FailedTicker is { } ticker) failed.Add(ticker);
            foreach (var c in cached.Conditions)
            {
                conditions[c.Key] = c;
            }
        }
        return (conditions, failed, evaluate);
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
        var risk = alert.RevenueAtRiskUsd is { } r && r > 0 ? $" Revenue at risk {Figures.Money(r)}." : "";
        var verb = kind == "escalated" ? "escalated" : "opened";
        var text = $"[{alert.Severity.ToWire().ToUpperInvariant()}] {alert.Ticker} {subject} {verb}: {alert.OldStatus} → {alert.NewStatus}. {alert.WhatChanged}{risk}";
        return JsonSerializer.Serialize(new { text = SlackEscape(text), alert = AlertView.From(alert) with { Events = [] } }, PayloadJson);
    }

    /// <summary>
    /// Slack reads &amp;, &lt; and &gt; in "text" as markup (<c>&lt;!channel&gt;</c> pings everyone, <c>&lt;url|label&gt;</c>
    /// is a disguised link); names and notes in the data must arrive as what they say.
    /// </summary>
    public static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

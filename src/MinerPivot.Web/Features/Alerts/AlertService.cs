using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Alerts;
using MinerPivot.Core.Domain;
using MinerPivot.Data;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>The outcome of an acknowledgement.</summary>
public enum AckOutcome
{
    Acknowledged,
    NotFound,
    /// <summary>Already acknowledged or resolved (possibly a moment ago, by someone else or the system).</summary>
    Conflict,
    Invalid,
}

/// <summary>The outcome, the alert as it now is, and a message a person can read.</summary>
public sealed record AckResult(AckOutcome Outcome, AlertView? Alert, string Message);

/// <summary>Reads alerts and deliveries; acknowledges alerts (the evaluator opens, escalates and resolves them).</summary>
public sealed class AlertService(IDbContextFactory<MinerPivotDbContext> dbFactory, AlertSignals signals, TimeProvider time)
{
    public const int MaxCommentLength = Limits.Note;
    private const int ResolvedListLimit = 500;

    /// <summary>
    /// Alerts with <paramref name="status"/> (null: all). Unresolved ones by severity (worst first), then revenue at risk
    /// (largest first), then opened (latest first); resolved ones by resolution time, latest first (at most 500).
    /// </summary>
    public async Task<IReadOnlyList<AlertView>> ListAsync(AlertStatus? status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Alerts.AsNoTracking().Include(a => a.Events).AsSplitQuery();
        var result = new List<AlertView>();
        if (status is null or AlertStatus.Open or AlertStatus.Acknowledged)
        {
            var active = await query.Where(a => status == null ? a.Status != AlertStatus.Resolved : a.Status == status).ToListAsync(ct);
            result.AddRange(Rank(active).Select(AlertView.From));
        }
        if (status is null or AlertStatus.Resolved)
        {
            var resolved = await query.Where(a => a.Status == AlertStatus.Resolved)
                .OrderByDescending(a => a.ResolvedAt).ThenByDescending(a => a.Id).Take(ResolvedListLimit).ToListAsync(ct);
            result.AddRange(resolved.Select(AlertView.From));
        }
        return result;
    }

    /// <summary>Open first, then acknowledged; each by severity, revenue at risk, opened time.</summary>
    public static IEnumerable<Alert> Rank(IEnumerable<Alert> alerts) => alerts
        .OrderBy(a => a.Status == AlertStatus.Open ? 0 : 1)
        .ThenByDescending(a => a.Severity)
        .ThenByDescending(a => a.RevenueAtRiskUsd ?? 0m)
        .ThenByDescending(a => a.OpenedAt)
        .ThenBy(a => a.Id);

    public async Task<int> CountOpenAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Alerts.CountAsync(a => a.Status == AlertStatus.Open, ct);
    }

    /// <summary>
    /// Acknowledges an open alert for <paramref name="userName"/>. The alert's xmin guards against a concurrent
    /// acknowledgement or resolution: the loser gets <see cref="AckOutcome.Conflict"/> with what happened.
    /// </summary>
    public async Task<AckResult> AcknowledgeAsync(long id, string userName, string? comment, CancellationToken ct = default)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            return new AckResult(AckOutcome.Invalid, null, $"The comment is {comment.Length} characters long; at most {MaxCommentLength} are allowed.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alert = await db.Alerts.Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null)
        {
            return new AckResult(AckOutcome.NotFound, null, $"There is no alert {id}.");
        }
        if (alert.Status != AlertStatus.Open)
        {
            return new AckResult(AckOutcome.Conflict, AlertView.From(alert), AlreadyMessage(alert));
        }
        var now = time.GetUtcNow();
        alert.Status = AlertStatus.Acknowledged;
        alert.AcknowledgedAt = now;
        alert.AcknowledgedBy = userName;
        alert.AcknowledgeComment = comment;
        db.AlertEvents.Add(new AlertEvent
        {
            Alert = alert, Kind = "acknowledged", At = now, By = userName,
            Details = comment is null ? "Acknowledged." : $"Acknowledged: {comment}",
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var current = await fresh.Alerts.AsNoTracking().Include(a => a.Events).SingleAsync(a => a.Id == id, ct);
            return new AckResult(AckOutcome.Conflict, AlertView.From(current), AlreadyMessage(current));
        }
        signals.RaiseAlertsChanged();
        return new AckResult(AckOutcome.Acknowledged, AlertView.From(alert), $"Alert {id} acknowledged.");
    }

    private static string AlreadyMessage(Alert alert) => alert.Status switch
    {
        AlertStatus.Acknowledged => $"Alert {alert.Id} was already acknowledged by {alert.AcknowledgedBy} at {alert.AcknowledgedAt:yyyy-MM-dd HH:mm} UTC.",
        AlertStatus.Resolved => $"Alert {alert.Id} was already resolved by {alert.ResolvedBy} at {alert.ResolvedAt:yyyy-MM-dd HH:mm} UTC: its condition cleared.",
        _ => $"Alert {alert.Id} changed meanwhile; look again.",
    };

    /// <summary>Webhook deliveries, latest first (at most 500).</summary>
    public async Task<IReadOnlyList<NotificationView>> ListNotificationsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.AlertNotifications.AsNoTracking()
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(500)
            .Select(n => new
            {
                n.Id, n.AlertId, n.Alert!.Ticker, n.Alert.SubjectCode, n.Alert.SignpostKey, n.Alert.Severity, n.Kind, n.Url, n.Status,
                n.Attempts, n.CreatedAt, n.LastAttemptAt, n.NextAttemptAt, n.SentAt, n.LastError,
            })
            .ToListAsync(ct);
        return rows.Select(n => new NotificationView(n.Id, n.AlertId, n.Ticker, n.SubjectCode ?? n.SignpostKey, n.Severity.ToWire(), n.Kind, n.Url,
            n.Status.ToWire(), n.Attempts, n.CreatedAt, n.LastAttemptAt, n.NextAttemptAt, n.SentAt, n.LastError)).ToList();
    }
}

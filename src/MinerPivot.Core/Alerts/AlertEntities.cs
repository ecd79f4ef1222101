namespace MinerPivot.Core.Alerts;

/// <summary>How bad an alert is. Ordered: a higher value is worse.</summary>
public enum AlertSeverity
{
    Minor = 1,
    Major = 2,
    Critical = 3,
}

/// <summary>open → acknowledged → resolved. Resolved alerts stay as history.</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>A webhook delivery's state: pending (incl. waiting for a retry), sent, or failed for good.</summary>
public enum NotificationStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// One alert: a condition (a tranche's slip, a signpost's bad status) that got worse. At most one alert per condition
/// is not resolved at any time; it escalates in place and is resolved by the system when the condition clears.
/// </summary>
public class Alert
{
    public long Id { get; set; }
    public required string Ticker { get; set; }
    public required string CompanyName { get; set; }
    /// <summary>One of the signpost keys (rfs_slippage for a tranche).</summary>
    public required string SignpostKey { get; set; }
    /// <summary>tranche, contract, target or company.</summary>
    public required string SubjectKind { get; set; }
    /// <summary>The tranche or contract code or the target's description; null for a company-level signpost.</summary>
    public string? SubjectCode { get; set; }
    /// <summary>Stable key of the condition, e.g. "CORZ|rfs_slippage|DENTON".</summary>
    public required string ConditionKey { get; set; }
    public AlertSeverity Severity { get; set; }
    public AlertStatus Status { get; set; }
    /// <summary>The condition's status word before it got worse ("new" when it had never been evaluated).</summary>
    public required string OldStatus { get; set; }
    /// <summary>The condition's latest status word while the alert is not resolved.</summary>
    public required string NewStatus { get; set; }
    /// <summary>What changed and why, naming the revision or figure that caused it.</summary>
    public required string WhatChanged { get; set; }
    /// <summary>The source(s) of that revision or figure.</summary>
    public string? CauseSource { get; set; }
    public decimal? RevenueAtRiskUsd { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgeComment { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    /// <summary>PostgreSQL xmin: an acknowledgement and the evaluator never overwrite each other.</summary>
    public uint Version { get; set; }

    public List<AlertEvent> Events { get; set; } = [];
}

/// <summary>One step in an alert's life: opened, escalated, eased, acknowledged or resolved. Never edited.</summary>
public class AlertEvent
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public Alert? Alert { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public required string Details { get; set; }
}

/// <summary>The last status the evaluator saw for a condition, so a new alert can say "old → new".</summary>
public class AlertConditionState
{
    public required string ConditionKey { get; set; }
    public required string Status { get; set; }
    /// <summary>When the status last changed (not every evaluation: re-evaluating unchanged data writes nothing).</summary>
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>An outbox row: a webhook message for a new or escalated major/critical alert, sent with retries.</summary>
public class AlertNotification
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public Alert? Alert { get; set; }
    /// <summary>opened or escalated.</summary>
    public required string Kind { get; set; }
    public required string Url { get; set; }
    /// <summary>The JSON body, fixed when the row was written.</summary>
    public required string Payload { get; set; }
    public NotificationStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The sender instance that claimed the row to send it, and until when; another instance may take it after.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>The words stored in the database and sent in JSON.</summary>
public static class AlertWire
{
    /// <summary>The old status of a condition the evaluator had never seen (a new company, a new database).</summary>
    public const string New = "new";

    public static string ToWire(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Minor => "minor",
        AlertSeverity.Major => "major",
        AlertSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static string ToWire(this AlertStatus status) => status switch
    {
        AlertStatus.Open => "open",
        AlertStatus.Acknowledged => "acknowledged",
        AlertStatus.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWire(this NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "pending",
        NotificationStatus.Sent => "sent",
        NotificationStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static AlertSeverity ParseSeverity(string wire) => Enum.GetValues<AlertSeverity>().First(s => s.ToWire() == wire);

    public static AlertStatus ParseStatus(string wire) => Enum.GetValues<AlertStatus>().First(s => s.ToWire() == wire);

    public static NotificationStatus ParseNotificationStatus(string wire) => Enum.GetValues<NotificationStatus>().First(s => s.ToWire() == wire);

    public static bool TryParseStatus(string? wire, out AlertStatus status)
    {
        foreach (var s in Enum.GetValues<AlertStatus>())
        {
            if (string.Equals(s.ToWire(), wire, StringComparison.Ordinal))
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }
}

using System.Text.Json.Serialization;
using MinerPivot.Core.Alerts;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>An alert as the API, the pages and the webhook show it.</summary>
public sealed record AlertView(
    long Id,
    string Ticker,
    string Company,
    string Signpost,
    string SubjectKind,
    string? Subject,
    string ConditionKey,
    string Severity,
    string Status,
    string OldStatus,
    string NewStatus,
    string WhatChanged,
    string? CauseSource,
    decimal? RevenueAtRiskUsd,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgeComment,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy)
{
    /// <summary>The alert's history, oldest first (empty where not loaded).</summary>
    [JsonPropertyOrder(100)]
    public IReadOnlyList<AlertEventView> Events { get; init; } = [];

    public static AlertView From(Alert a) => new(
        a.Id, a.Ticker, a.CompanyName, a.SignpostKey, a.SubjectKind, a.SubjectCode, a.ConditionKey,
        a.Severity.ToWire(), a.Status.ToWire(), a.OldStatus, a.NewStatus, a.WhatChanged, a.CauseSource, a.RevenueAtRiskUsd,
        a.OpenedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgeComment, a.ResolvedAt, a.ResolvedBy)
    {
        Events = a.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new AlertEventView(e.Kind, e.At, e.By, e.Details)).ToList(),
    };
}

/// <summary>One step in an alert's life.</summary>
public sealed record AlertEventView(string Kind, DateTimeOffset At, string By, string Details);

/// <summary>A webhook delivery as the admin page shows it.</summary>
public sealed record NotificationView(
    long Id,
    long AlertId,
    string Ticker,
    string? Subject,
    string Severity,
    string Kind,
    string Url,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? SentAt,
    string? LastError);

namespace MinerPivot.Core.Domain;

/// <summary>Who changed what, when, with old and new values (JSON). Written by the data layer, never edited.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    /// <summary>create, update, delete or import.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    /// <summary>The natural key, e.g. "CORZ 2026-03-31".</summary>
    public required string EntityKey { get; set; }
    public string? OldValues { get; set; }
    public string? NewValues { get; set; }
}

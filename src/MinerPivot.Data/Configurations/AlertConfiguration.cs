using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinerPivot.Core.Alerts;
using MinerPivot.Core.Domain;

namespace MinerPivot.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    /// <summary>Condition keys are ticker|signpost|subject; a target's subject is its description.</summary>
    public const int ConditionKeyLength = 300;

    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.Property(a => a.Ticker).HasMaxLength(Limits.Ticker);
        builder.Property(a => a.CompanyName).HasMaxLength(Limits.CompanyName);
        builder.Property(a => a.SignpostKey).HasMaxLength(40);
        builder.Property(a => a.SubjectKind).HasMaxLength(20);
        builder.Property(a => a.SubjectCode).HasMaxLength(200);
        builder.Property(a => a.ConditionKey).HasMaxLength(ConditionKeyLength);
        builder.Property(a => a.Severity).HasMaxLength(20)
            .HasConversion(v => v.ToWire(), v => AlertWire.ParseSeverity(v));
        builder.Property(a => a.Status).HasMaxLength(20)
            .HasConversion(v => v.ToWire(), v => AlertWire.ParseStatus(v));
        builder.Property(a => a.OldStatus).HasMaxLength(20);
        builder.Property(a => a.NewStatus).HasMaxLength(20);
        builder.Property(a => a.WhatChanged).HasMaxLength(2000);
        builder.Property(a => a.CauseSource).HasMaxLength(Limits.Source);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        builder.Property(a => a.AcknowledgeComment).HasMaxLength(Limits.Note);
        builder.Property(a => a.ResolvedBy).HasMaxLength(256);
        builder.Property(a => a.Version).IsRowVersion();
        // One condition never has two alerts that are not resolved.
        builder.HasIndex(a => a.ConditionKey).IsUnique().HasFilter("status <> 'resolved'").HasDatabaseName("ux_alerts_condition_key_unresolved");
        builder.HasIndex(a => new { a.Status, a.OpenedAt });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_alerts_status", "status IN ('open', 'acknowledged', 'resolved')");
            t.HasCheckConstraint("ck_alerts_severity", "severity IN ('minor', 'major', 'critical')");
            t.HasCheckConstraint("ck_alerts_acknowledged", "status = 'open' OR acknowledged_at IS NOT NULL OR resolved_at IS NOT NULL");
            t.HasCheckConstraint("ck_alerts_resolved", "(status = 'resolved') = (resolved_at IS NOT NULL)");
        });
    }
}

internal sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> builder)
    {
        builder.ToTable("alert_events");
        builder.Property(e => e.Kind).HasMaxLength(20);
        builder.Property(e => e.By).HasMaxLength(256);
        builder.Property(e => e.Details).HasMaxLength(4000);
        builder.HasOne(e => e.Alert).WithMany(a => a.Events).HasForeignKey(e => e.AlertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.AlertId, e.At });
    }
}

internal sealed class AlertConditionStateConfiguration : IEntityTypeConfiguration<AlertConditionState>
{
    public void Configure(EntityTypeBuilder<AlertConditionState> builder)
    {
        builder.ToTable("alert_condition_states");
        builder.HasKey(s => s.ConditionKey);
        builder.Property(s => s.ConditionKey).HasMaxLength(AlertConfiguration.ConditionKeyLength);
        builder.Property(s => s.Status).HasMaxLength(20);
    }
}

internal sealed class AlertNotificationConfiguration : IEntityTypeConfiguration<AlertNotification>
{
    public void Configure(EntityTypeBuilder<AlertNotification> builder)
    {
        builder.ToTable("alert_notifications");
        builder.Property(n => n.Kind).HasMaxLength(20);
        builder.Property(n => n.Url).HasMaxLength(2000);
        builder.Property(n => n.Payload).HasColumnType("jsonb");
        builder.Property(n => n.Status).HasMaxLength(20)
            .HasConversion(v => v.ToWire(), v => AlertWire.ParseNotificationStatus(v));
        builder.Property(n => n.LastError).HasMaxLength(2000);
        builder.Property(n => n.ClaimedBy).HasMaxLength(200);
        builder.HasOne(n => n.Alert).WithMany().HasForeignKey(n => n.AlertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        builder.ToTable(t => t.HasCheckConstraint("ck_alert_notifications_status", "status IN ('pending', 'sent', 'failed')"));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinerPivot.Core.Domain;

namespace MinerPivot.Data.Configurations;

internal sealed class BtcPriceConfiguration : IEntityTypeConfiguration<BtcPrice>
{
    public void Configure(EntityTypeBuilder<BtcPrice> builder)
    {
        builder.HasKey(p => p.Date);
        builder.Property(p => p.Source).HasMaxLength(Limits.Source);
        builder.Property(p => p.Version).IsRowVersion();
        builder.ToTable(t => t.HasCheckConstraint("ck_btc_prices_close_usd", "close_usd >= 0"));
    }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.Property(i => i.Series).HasMaxLength(Limits.Series);
        builder.Property(i => i.Unit).HasMaxLength(Limits.Unit);
        builder.Property(i => i.Source).HasMaxLength(Limits.Source);
        // Indicator values range from ratios to trillions of dollars, and may be negative.
        builder.Property(i => i.Value).HasPrecision(24, 6);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasIndex(i => new { i.Series, i.Date }).IsUnique();
    }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> builder)
    {
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(t => t.Source).HasMaxLength(Limits.Source);
        builder.Property(t => t.TargetValue).HasPrecision(18, 3);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasIndex(t => new { t.CompanyId, t.Kind, t.Deadline }).IsUnique();
        builder.HasOne(t => t.Company).WithMany(c => c.Targets).HasForeignKey(t => t.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_targets_target_value", "target_value >= 0"));
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(20);
        builder.Property(a => a.EntityType).HasMaxLength(60);
        builder.Property(a => a.EntityKey).HasMaxLength(300);
        builder.Property(a => a.OldValues).HasColumnType("jsonb");
        builder.Property(a => a.NewValues).HasColumnType("jsonb");
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.EntityType, a.EntityKey });
    }
}

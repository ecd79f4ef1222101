using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinerPivot.Core.Domain;

namespace MinerPivot.Data.Configurations;

internal sealed class TrancheConfiguration : IEntityTypeConfiguration<Tranche>
{
    public void Configure(EntityTypeBuilder<Tranche> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(Limits.TrancheCode);
        builder.Property(t => t.Customer).HasMaxLength(Limits.Customer);
        builder.Property(t => t.Source).HasMaxLength(Limits.Source);
        builder.Property(t => t.CriticalItMw).HasPrecision(12, 3);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasIndex(t => new { t.CompanyId, t.Code }).IsUnique();
        builder.HasOne(t => t.Company).WithMany(c => c.Tranches).HasForeignKey(t => t.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Site).WithMany(s => s.Tranches).HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Contract).WithMany(c => c.Tranches).HasForeignKey(t => t.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_tranches_critical_it_mw", "critical_it_mw >= 0");
            t.HasCheckConstraint("ck_tranches_actual_rfs_matches_status",
                "(status IN ('ReadyForService', 'Billable')) = (actual_rfs IS NOT NULL)");
        });
    }
}

internal sealed class RfsRevisionConfiguration : IEntityTypeConfiguration<RfsRevision>
{
    public void Configure(EntityTypeBuilder<RfsRevision> builder)
    {
        builder.Property(r => r.Source).HasMaxLength(Limits.Source);
        builder.Property(r => r.Note).HasMaxLength(Limits.Note);
        builder.HasIndex(r => new { r.TrancheId, r.AnnouncedOn }).IsUnique();
        builder.HasOne(r => r.Tranche).WithMany(t => t.Revisions).HasForeignKey(r => r.TrancheId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinerPivot.Core.Domain;

namespace MinerPivot.Data.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(Limits.SiteName);
        builder.Property(s => s.Location).HasMaxLength(Limits.Location);
        builder.Property(s => s.Source).HasMaxLength(Limits.Source);
        builder.Property(s => s.GrossMw).HasPrecision(12, 3);
        builder.Property(s => s.CriticalItMw).HasPrecision(12, 3);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasIndex(s => new { s.CompanyId, s.Name }).IsUnique();
        builder.HasOne(s => s.Company).WithMany(c => c.Sites).HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sites_gross_mw", "gross_mw >= 0");
            t.HasCheckConstraint("ck_sites_critical_it_mw", "critical_it_mw IS NULL OR critical_it_mw >= 0");
        });
    }
}

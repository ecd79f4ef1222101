using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinerPivot.Core.Domain;

namespace MinerPivot.Data.Configurations;

internal sealed class QuarterlyFigureConfiguration : IEntityTypeConfiguration<QuarterlyFigure>
{
    public void Configure(EntityTypeBuilder<QuarterlyFigure> builder)
    {
        builder.ToTable("quarterly_figures");
        builder.Property(q => q.FiscalLabel).HasMaxLength(Limits.FiscalLabel);
        builder.Property(q => q.Source).HasMaxLength(Limits.Source);
        builder.Property(q => q.BtcProduced).HasPrecision(14, 4);
        foreach (var mw in new[] { nameof(QuarterlyFigure.ContractedMw), nameof(QuarterlyFigure.EnergizedMw), nameof(QuarterlyFigure.BillableMw), nameof(QuarterlyFigure.GrossPipelineMw) })
        {
            builder.Property(mw).HasPrecision(12, 3);
        }
        builder.Property(q => q.Version).IsRowVersion();
        builder.HasIndex(q => new { q.CompanyId, q.PeriodEnd }).IsUnique();
        builder.HasOne(q => q.Company).WithMany(c => c.Quarters).HasForeignKey(q => q.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_quarterly_reported_after_period", "reported_on >= period_end");
            foreach (var column in new[] { "colocation_revenue_usd", "mining_revenue_usd", "btc_produced", "cash_cost_per_btc_usd",
                         "contracted_mw", "energized_mw", "billable_mw", "gross_pipeline_mw", "capex_usd" })
            {
                t.HasCheckConstraint($"ck_quarterly_{column}", $"{column} IS NULL OR {column} >= 0");
            }
        });
    }
}

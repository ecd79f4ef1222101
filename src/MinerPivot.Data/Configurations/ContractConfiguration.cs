using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinerPivot.Core.Domain;

namespace MinerPivot.Data.Configurations;

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(Limits.ContractCode);
        builder.Property(c => c.Customer).HasMaxLength(Limits.Customer);
        builder.Property(c => c.Source).HasMaxLength(Limits.Source);
        builder.Property(c => c.ContractedMw).HasPrecision(12, 3);
        builder.Property(c => c.TermYears).HasPrecision(6, 2);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => new { c.CompanyId, c.Code }).IsUnique();
        builder.HasOne(c => c.Company).WithMany(c => c.Contracts).HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_contracts_contracted_mw", "contracted_mw >= 0");
            t.HasCheckConstraint("ck_contracts_term_years", "term_years IS NULL OR term_years >= 0");
            t.HasCheckConstraint("ck_contracts_total_value_usd", "total_value_usd IS NULL OR total_value_usd >= 0");
            t.HasCheckConstraint("ck_contracts_annualized_revenue_usd", "annualized_revenue_usd IS NULL OR annualized_revenue_usd >= 0");
        });
    }
}

internal sealed class ContractEventConfiguration : IEntityTypeConfiguration<ContractEvent>
{
    public void Configure(EntityTypeBuilder<ContractEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Source).HasMaxLength(Limits.Source);
        builder.Property(e => e.MwChange).HasPrecision(12, 3);
        builder.HasIndex(e => new { e.ContractId, e.Kind, e.EventOn }).IsUnique();
        builder.HasOne(e => e.Contract).WithMany(c => c.Events).HasForeignKey(e => e.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_contract_events_mw_change", "mw_change IS NULL OR mw_change >= 0"));
    }
}

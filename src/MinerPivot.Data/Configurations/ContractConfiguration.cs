using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Import;

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
        // Stored as the format's word (gpu_cloud); rows written without it (COPY, SQL) are colocation. The sentinel no value
        // takes makes EF always send the value, so Colocation is not mistaken for "unset".
        builder.Property(c => c.Kind).HasMaxLength(20)
            .HasConversion(k => ImportVocabulary.Word(k), w => ImportVocabulary.Parse<ContractKind>(w))
            .HasDefaultValue(ContractKind.Colocation).HasSentinel((ContractKind)(-1));
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => new { c.CompanyId, c.Code }).IsUnique();
        builder.HasOne(c => c.Company).WithMany(c => c.Contracts).HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_contracts_contracted_mw", "contracted_mw >= 0");
            t.HasCheckConstraint("ck_contracts_term_years", "term_years IS NULL OR term_years >= 0");
            t.HasCheckConstraint("ck_contracts_total_value_usd", "total_value_usd IS NULL OR total_value_usd >= 0");
            t.HasCheckConstraint("ck_contracts_annualized_revenue_usd", "annualized_revenue_usd IS NULL OR annualized_revenue_usd >= 0");
            t.HasCheckConstraint("ck_contracts_kind", $"kind IN ({string.Join(", ", ImportVocabulary.AllWords<ContractKind>().Select(w => $"'{w}'"))})");
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

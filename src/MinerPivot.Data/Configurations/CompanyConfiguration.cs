using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinerPivot.Core.Domain;

namespace MinerPivot.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.Property(c => c.Ticker).HasMaxLength(Limits.Ticker);
        builder.Property(c => c.Name).HasMaxLength(Limits.CompanyName);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => c.Ticker).IsUnique();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_companies_fiscal_year_end_month", "fiscal_year_end_month BETWEEN 1 AND 12");
            t.HasCheckConstraint("ck_companies_ticker_upper", "ticker = upper(ticker) AND length(ticker) >= 1");
        });
    }
}

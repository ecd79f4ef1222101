using Microsoft.EntityFrameworkCore;
using MinerPivot.Data;

namespace MinerPivot.Web.Features.Companies;

public sealed record CompanyOverviewRow(
    string Ticker,
    string Name,
    int FiscalYearEndMonth,
    DateOnly? LatestPeriodEnd,
    string? LatestFiscalLabel,
    DateOnly? LatestReportedOn,
    decimal? LatestColocationRevenueUsd,
    decimal? LatestBillableMw,
    string? LatestSource);

/// <summary>Companies with their latest quarter known as of a date.</summary>
public sealed class CompanyOverviewService(IDbContextFactory<MinerPivotDbContext> dbFactory)
{
    public async Task<IReadOnlyList<CompanyOverviewRow>> ListAsync(DateOnly asOf, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Companies
            .AsNoTracking()
            .OrderBy(c => c.Ticker)
            .Select(c => new
            {
                c.Ticker,
                c.Name,
                c.FiscalYearEndMonth,
                Latest = c.Quarters.Where(q => q.ReportedOn <= asOf).OrderByDescending(q => q.PeriodEnd).FirstOrDefault(),
            })
            .Select(x => new CompanyOverviewRow(
                x.Ticker, x.Name, x.FiscalYearEndMonth,
                x.Latest == null ? null : x.Latest.PeriodEnd,
                x.Latest == null ? null : x.Latest.FiscalLabel,
                x.Latest == null ? null : x.Latest.ReportedOn,
                x.Latest == null ? null : x.Latest.ColocationRevenueUsd,
                x.Latest == null ? null : x.Latest.BillableMw,
                x.Latest == null ? null : x.Latest.Source))
            .ToListAsync(ct);
    }
}

using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Tests;

public class DomainSmokeTests
{
    [Fact]
    public void A_new_company_has_a_calendar_fiscal_year_by_default()
    {
        var company = new Company { Ticker = "CORZ", Name = "Core Scientific" };
        Assert.Equal(12, company.FiscalYearEndMonth);
    }
}

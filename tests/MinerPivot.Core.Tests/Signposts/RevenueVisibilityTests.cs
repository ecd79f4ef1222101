using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class RevenueVisibilityTests
{
    private const string Key = SignpostKeys.RevenueVisibility;

    [Fact]
    public void Core_Scientific_243_MW_tied_to_350M_annualized_is_about_1_44M_per_MW_year()
    {
        var b = new CompanyBuilder();
        b.Contract("CW", 243m, "2025-01-01", annualizedUsd: 350_000_000m);

        var s = Eval.At(b.Build(), "2026-01-01").Only(Key);

        Assert.Equal(SignpostStatus.Ok, s.Status);
        Assert.Equal(SignpostKind.Validation, s.Kind);
        Assert.Equal(1_440_329.22m, s.Value);
        Assert.Equal(1.44m, Math.Round(s.Value!.Value / 1_000_000m, 2));
        Assert.Equal("USD/MW-year", s.Unit);
        Assert.Contains("$350M annualized colocation revenue over 243 MW contracted is $1.44M per MW-year", s.Explanation);
    }

    [Fact]
    public void Ratios_use_the_latest_reported_contracted_billable_and_pipeline_MW()
    {
        var b = new CompanyBuilder();
        b.Contract("CW", 243m, "2025-01-01", annualizedUsd: 350_000_000m);
        b.Quarter("2025-12-31", contractedMw: 1_300m, pipelineMw: 4_500m, billableMw: 200m);
        b.Quarter("2026-03-31", billableMw: 290m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(1_300m, s.DecimalDetail("contractedMw"));
        Assert.Equal("quarterly", s.Detail<string>("contractedMwBasis"));
        Assert.Equal(0.2231m, s.DecimalDetail("billableToContracted"));
        Assert.Equal(0.2889m, s.DecimalDetail("contractedToPipeline"));
        Assert.Contains("billable/contracted 0.2231 (290 MW of 1,300 MW)", s.Explanation);
    }

    [Fact]
    public void Without_quarterly_contracted_MW_the_contracts_are_summed()
    {
        var b = new CompanyBuilder();
        b.Contract("A", 100m, "2025-01-01");
        b.Contract("B", 150m, "2025-01-01");
        b.Quarter("2025-12-31", billableMw: 50m);

        var s = Eval.At(b.Build(), "2026-06-01").Only(Key);

        Assert.Equal(SignpostStatus.Ok, s.Status);
        Assert.Null(s.Value);
        Assert.Equal(250m, s.DecimalDetail("contractedMw"));
        Assert.Equal("contracts", s.Detail<string>("contractedMwBasis"));
        Assert.Equal(0.2m, s.DecimalDetail("billableToContracted"));
        Assert.Null(s.DecimalDetail("contractedToPipeline"));
    }

    [Fact]
    public void No_contract_signed_by_the_as_of_date_is_no_data()
    {
        var b = new CompanyBuilder();
        b.Contract("CW", 243m, "2026-02-01", annualizedUsd: 350_000_000m);

        Assert.Equal(SignpostStatus.NoData, Eval.At(b.Build(), "2026-01-31").Only(Key).Status);
        Assert.Equal(SignpostStatus.Ok, Eval.At(b.Build(), "2026-02-01").Only(Key).Status);
    }

    [Fact]
    public void A_cancelled_contract_gives_no_revenue_visibility()
    {
        var b = new CompanyBuilder();
        var k = b.Contract("CW", 243m, "2025-01-01", annualizedUsd: 350_000_000m);
        b.Event(k, ContractEventKind.Cancelled, "2026-03-01");

        Assert.Equal(SignpostStatus.Ok, Eval.At(b.Build(), "2026-02-28").Only(Key).Status);
        Assert.Equal(SignpostStatus.NoData, Eval.At(b.Build(), "2026-03-01").Only(Key).Status);
    }
}

using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class MiningMarginTests
{
    private const string Key = SignpostKeys.MiningMargin;

    [Theory]
    [InlineData(81_000, 80_000, 1.23, "at_risk")]
    [InlineData(65_000, 80_000, -23.08, "breached")]
    [InlineData(100_000, 75_000, 25, "ok")]
    [InlineData(100_000, 75_001, 25, "ok")]            // 24.999% shows as 25.00%: what the user sees decides
    [InlineData(100_000, 75_010, 24.99, "at_risk")]
    [InlineData(80_000, 80_000, 0, "at_risk")]
    [InlineData(800_000, 800_030, 0, "at_risk")]       // -0.00375% shows as 0.00%
    [InlineData(80_000, 80_010, -0.01, "breached")]
    public void Margin_is_BTC_price_less_cash_cost_over_BTC_price_in_percent(int btc, int cost, double shownPct, string status)
    {
        var market = new MarketBuilder().Btc("2025-11-30", btc).IndustryCashCost("2025-11-01", cost).Build();

        var s = Eval.At(new CompanyBuilder().Build(), "2025-12-01", market).Only(Key);

        Assert.Equal((decimal)shownPct, s.Value);
        Assert.Equal(status, s.Status.ToWire());
        Assert.Equal(SignpostKind.Risk, s.Kind);
        Assert.Equal(25m, s.Target);
        Assert.Equal("percent", s.Unit);
        Assert.Equal("industry_average", s.Detail<string>("costBasis"));
        Assert.Equal((decimal)btc, s.DecimalDetail("btcPriceUsd"));
        Assert.Equal((decimal)cost, s.DecimalDetail("cashCostPerBtcUsd"));
        Assert.Equal(s.Value, s.DecimalDetail("marginPct"));
    }

    [Fact]
    public void BTC_at_81000_against_the_80000_public_miner_average_is_a_1_23_percent_margin()
    {
        var market = new MarketBuilder().Btc("2025-11-30", 81_000m).IndustryCashCost("2025-11-01", 80_000m).Build();

        var s = Eval.At(new CompanyBuilder().Build(), "2025-12-01", market).Only(Key);

        Assert.Equal(1.23m, s.Value);
        Assert.Equal(SignpostStatus.AtRisk, s.Status);
        Assert.Equal("BTC at $81,000 (2025-11-30) against the public-miner average cash cost of $80,000 per BTC (2025-11-01) gives a margin of 1.23%, below the 25% ok level.", s.Explanation);
    }

    [Fact]
    public void The_companys_own_cash_cost_is_used_when_its_quarter_ended_within_200_days()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-09-30", reportedOn: "2025-11-05", cashCostPerBtc: 60_000m);
        var market = new MarketBuilder().Btc("2026-04-17", 80_000m).IndustryCashCost("2026-01-01", 80_000m).Build();

        var day200 = Eval.At(b.Build(), "2026-04-18", market).Only(Key); // 200 days after 2025-09-30
        var day201 = Eval.At(b.Build(), "2026-04-19", market).Only(Key);

        Assert.Equal("company", day200.Detail<string>("costBasis"));
        Assert.Equal(25m, day200.Value);
        Assert.Equal(SignpostStatus.Ok, day200.Status);
        Assert.Equal(TestDates.D("2025-09-30"), day200.Detail<DateOnly>("costDate"));
        Assert.Equal("industry_average", day201.Detail<string>("costBasis"));
        Assert.Equal(0m, day201.Value);
        Assert.Equal(SignpostStatus.AtRisk, day201.Status);
    }

    [Fact]
    public void The_latest_quarter_that_reports_a_cash_cost_is_used()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-06-30", cashCostPerBtc: 50_000m);
        b.Quarter("2025-09-30", cashCostPerBtc: 60_000m);
        b.Quarter("2025-12-31", colocationUsd: 1m);
        var market = new MarketBuilder().Btc("2026-02-15", 100_000m).Build();

        var s = Eval.At(b.Build(), "2026-03-01", market).Only(Key);

        Assert.Equal(60_000m, s.DecimalDetail("cashCostPerBtcUsd"));
        Assert.Equal(40m, s.Value);
    }

    [Fact]
    public void A_cash_cost_reported_after_the_as_of_date_is_not_used()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-12-31", reportedOn: "2026-02-25", cashCostPerBtc: 90_000m);
        var market = new MarketBuilder().Btc("2026-02-20", 100_000m).IndustryCashCost("2026-01-15", 70_000m).Build();

        var s = Eval.At(b.Build(), "2026-02-24", market).Only(Key);

        Assert.Equal("industry_average", s.Detail<string>("costBasis"));
        Assert.Equal(30m, s.Value);
    }

    [Fact]
    public void The_latest_BTC_close_on_or_before_the_as_of_date_is_used()
    {
        var market = new MarketBuilder()
            .Btc("2025-11-28", 90_000m).Btc("2025-11-30", 81_000m).Btc("2025-12-02", 65_000m)
            .IndustryCashCost("2025-11-01", 80_000m).Build();

        var s = Eval.At(new CompanyBuilder().Build(), "2025-12-01", market).Only(Key);

        Assert.Equal(81_000m, s.DecimalDetail("btcPriceUsd"));
        Assert.Equal(TestDates.D("2025-11-30"), s.Detail<DateOnly>("btcPriceDate"));
    }

    [Fact]
    public void A_stale_company_cost_and_no_industry_series_is_no_data()
    {
        var b = new CompanyBuilder();
        b.Quarter("2024-12-31", cashCostPerBtc: 50_000m);
        var market = new MarketBuilder().Btc("2025-12-01", 81_000m).Build();

        var s = Eval.At(b.Build(), "2025-12-01", market).Only(Key);

        Assert.Equal(SignpostStatus.NoData, s.Status);
        Assert.Null(s.Value);
    }

    [Fact]
    public void No_BTC_price_is_no_data()
    {
        var market = new MarketBuilder().IndustryCashCost("2025-11-01", 80_000m).Btc("2025-12-02", 81_000m).Build();

        var s = Eval.At(new CompanyBuilder().Build(), "2025-12-01", market).Only(Key);

        Assert.Equal(SignpostStatus.NoData, s.Status);
        Assert.Contains("no BTC close", s.Explanation);
    }

    [Fact]
    public void The_industry_series_name_is_configurable()
    {
        var market = new MarketBuilder().Btc("2025-11-30", 100_000m).Indicator("my_cost", "2025-11-01", 50_000m).Build();
        var thresholds = new SignpostThresholds { IndustryCashCostSeries = "my_cost", MarginOkPct = 60m };

        var s = Eval.At(new CompanyBuilder().Build(), "2025-12-01", market, thresholds).Only(Key);

        Assert.Equal(50m, s.Value);
        Assert.Equal(SignpostStatus.AtRisk, s.Status);
        Assert.Equal(60m, s.Target);
    }
}

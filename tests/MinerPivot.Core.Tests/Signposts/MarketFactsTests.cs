using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class MarketFactsTests
{
    [Fact]
    public void The_latest_value_on_or_before_a_date_is_found_whatever_the_input_order()
    {
        var market = new MarketBuilder().Btc("2025-12-03", 3m).Btc("2025-12-01", 1m).Btc("2025-12-02", 2m).Build();

        Assert.Null(market.LatestBtcClose(TestDates.D("2025-11-30")));
        Assert.Equal(1m, market.LatestBtcClose(TestDates.D("2025-12-01"))!.Value.Value);
        Assert.Equal(2m, market.LatestBtcClose(TestDates.D("2025-12-02"))!.Value.Value);
        Assert.Equal(new MarketPoint(TestDates.D("2025-12-03"), 3m, "btc 2025-12-03"), market.LatestBtcClose(TestDates.D("2026-06-01")));
    }

    [Fact]
    public void Indicator_series_are_looked_up_by_name_ignoring_case()
    {
        var market = new MarketBuilder().Indicator("wgmi_close", "2025-12-01", -1.5m).Build();

        Assert.Equal(-1.5m, market.LatestIndicator("WGMI_close", TestDates.D("2025-12-31"))!.Value.Value);
        Assert.Null(market.LatestIndicator("dram", TestDates.D("2025-12-31")));
        Assert.Contains("wgmi_close", market.SeriesNames);
    }

    [Fact]
    public void An_empty_market_has_no_values()
    {
        Assert.Null(MarketFacts.Empty.LatestBtcClose(DateOnly.MaxValue));
        Assert.Null(MarketFacts.Empty.LatestIndicator("x", DateOnly.MaxValue));
    }

    [Fact]
    public void A_duplicate_date_keeps_the_value_given_last()
    {
        var market = new MarketBuilder().Btc("2025-12-01", 1m).Btc("2025-12-01", 2m).Build();

        Assert.Equal(2m, market.LatestBtcClose(TestDates.D("2025-12-01"))!.Value.Value);
    }
}

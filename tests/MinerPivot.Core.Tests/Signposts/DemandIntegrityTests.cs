using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class DemandIntegrityTests
{
    private const string Key = SignpostKeys.DemandIntegrity;

    [Theory]
    [InlineData(ContractEventKind.Downsized, "2026-06-30", "breached")] // on the as-of date
    [InlineData(ContractEventKind.Downsized, "2026-01-02", "breached")] // 179 days earlier
    [InlineData(ContractEventKind.Downsized, "2026-01-01", "ok")]       // 180 days earlier: outside (D-180, D]
    [InlineData(ContractEventKind.Cancelled, "2026-03-01", "breached")]
    [InlineData(ContractEventKind.Downsized, "2026-07-01", "ok")]       // after the as-of date
    [InlineData(ContractEventKind.Expanded, "2026-03-01", "ok")]
    [InlineData(ContractEventKind.Signed, "2026-03-01", "ok")]
    public void A_contract_downsized_or_cancelled_in_the_last_180_days_breaches_demand_integrity(ContractEventKind kind, string eventOn, string status)
    {
        var b = new CompanyBuilder();
        var k = b.Contract("CW-1", 200m, "2025-01-01");
        b.Event(k, kind, eventOn, mwChange: 50m);

        var s = Eval.At(b.Build(), "2026-06-30").Only(Key);

        Assert.Equal(status, s.Status.ToWire());
        Assert.Equal(SignpostKind.Risk, s.Kind);
        Assert.Equal(status == "breached" ? 1m : 0m, s.Value);
    }

    [Fact]
    public void The_explanation_names_the_contract_and_the_cut()
    {
        var b = new CompanyBuilder();
        var k = b.Contract("CW-1", 200m, "2025-01-01", customer: "CoreWeave");
        b.Event(k, ContractEventKind.Downsized, "2026-05-01", mwChange: 50m);

        var s = Eval.At(b.Build(), "2026-06-30").Only(Key);

        Assert.Contains("contract CW-1 (CoreWeave) downsized by 50 MW on 2026-05-01", s.Explanation);
        var events = s.Detail<IReadOnlyDictionary<string, object?>[]>("contractEvents");
        Assert.Equal("downsized", Assert.Single(events)["event"]);
    }

    [Theory]
    [InlineData(IndicatorComparison.Below, 2.5, 2.4, true)]
    [InlineData(IndicatorComparison.Below, 2.5, 2.5, false)]
    [InlineData(IndicatorComparison.Above, 2.5, 2.6, true)]
    [InlineData(IndicatorComparison.Above, 2.5, 2.5, false)]
    public void An_indicator_rule_fires_when_the_latest_value_crosses_its_threshold(IndicatorComparison comparison, double threshold, double latest, bool fires)
    {
        var market = new MarketBuilder()
            .Indicator("dram_contract_price", "2026-01-31", 3.0m)
            .Indicator("dram_contract_price", "2026-05-31", (decimal)latest)
            .Indicator("dram_contract_price", "2026-07-31", 1.0m) // after the as-of date
            .Build();
        var thresholds = new SignpostThresholds
        {
            IndicatorRules = [new IndicatorRule { Series = "dram_contract_price", Comparison = comparison, Threshold = (decimal)threshold, Description = "DRAM price turn" }],
        };

        var s = Eval.At(new CompanyBuilder().Build(), "2026-06-30", market, thresholds).Only(Key);

        Assert.Equal(fires ? SignpostStatus.Breached : SignpostStatus.Ok, s.Status);
        var rule = Assert.Single(s.Detail<IReadOnlyDictionary<string, object?>[]>("indicatorRules"));
        Assert.Equal(fires, rule["fired"]);
        Assert.Equal((decimal)latest, rule["latestValue"]);
        if (fires) Assert.Contains("rule \"DRAM price turn\" fired", s.Explanation);
    }

    [Fact]
    public void A_rule_on_a_series_without_values_yet_does_not_fire()
    {
        var market = new MarketBuilder().Indicator("wgmi_close", "2026-07-01", 5m).Build();
        var thresholds = new SignpostThresholds
        {
            IndicatorRules = [new IndicatorRule { Series = "wgmi_close", Comparison = IndicatorComparison.Below, Threshold = 20m }],
        };

        var s = Eval.At(new CompanyBuilder().Build(), "2026-06-30", market, thresholds).Only(Key);

        Assert.Equal(SignpostStatus.Ok, s.Status);
        Assert.Contains("none of 1 indicator rule(s) fired", s.Explanation);
    }

    [Fact]
    public void Every_trigger_is_counted()
    {
        var b = new CompanyBuilder();
        b.Event(b.Contract("A", 100m, "2025-01-01"), ContractEventKind.Downsized, "2026-05-01", 10m);
        b.Event(b.Contract("B", 100m, "2025-01-01"), ContractEventKind.Cancelled, "2026-06-01");
        var market = new MarketBuilder().Indicator("wgmi_close", "2026-06-01", 5m).Build();
        var thresholds = new SignpostThresholds
        {
            IndicatorRules = [new IndicatorRule { Series = "WGMI_CLOSE", Comparison = IndicatorComparison.Below, Threshold = 20m }],
        };

        var s = Eval.At(b.Build(), "2026-06-30", market, thresholds).Only(Key);

        Assert.Equal(3m, s.Value);
        Assert.Equal(SignpostStatus.Breached, s.Status);
    }
}

using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class VerdictTests
{
    private static SignpostEvaluation S(string key, SignpostStatus status, string? subject = null) =>
        new(key, SignpostKeys.KindOf(key), subject, status, null, null, "", new Dictionary<string, object?>(), "");

    /// <summary>A healthy company: momentum met, everything else ok or met.</summary>
    private static List<SignpostEvaluation> Healthy() =>
    [
        S(SignpostKeys.ColocationMomentum, SignpostStatus.Met),
        S(SignpostKeys.BillableMwTarget, SignpostStatus.OnTrack, "450 MW by 2026-09-22"),
        S(SignpostKeys.ContractDelivery, SignpostStatus.OnTrack, "CW-1"),
        S(SignpostKeys.ContractDelivery, SignpostStatus.OnTrack, "CW-2"),
        S(SignpostKeys.RfsSlippage, SignpostStatus.Ok),
        S(SignpostKeys.MiningMargin, SignpostStatus.Ok),
        S(SignpostKeys.RevenueVisibility, SignpostStatus.Ok),
        S(SignpostKeys.SpeedToCash, SignpostStatus.Met),
        S(SignpostKeys.DemandIntegrity, SignpostStatus.Ok),
    ];

    private static Verdict VerdictWith(params (string Key, SignpostStatus Status, string? Subject)[] changes)
    {
        var list = Healthy();
        foreach (var (key, status, subject) in changes)
        {
            var i = list.FindIndex(s => s.Key == key && (subject is null || s.Subject == subject));
            list[i] = list[i] with { Status = status };
        }
        return SignpostEngine.DecideVerdict(list).Verdict;
    }

    [Fact]
    public void Healthy_execution_with_met_momentum_supports_the_rerating()
    {
        Assert.Equal(Verdict.ReratingSupported, VerdictWith());
    }

    [Fact]
    public void On_track_momentum_also_supports_the_rerating()
    {
        Assert.Equal(Verdict.ReratingSupported, VerdictWith((SignpostKeys.ColocationMomentum, SignpostStatus.OnTrack, null)));
    }

    [Fact]
    public void Weak_mining_economics_alone_do_not_break_the_thesis()
    {
        Assert.Equal(Verdict.ReratingSupported, VerdictWith((SignpostKeys.MiningMargin, SignpostStatus.Breached, null)));
        Assert.Equal(Verdict.ReratingSupported, VerdictWith((SignpostKeys.MiningMargin, SignpostStatus.AtRisk, null)));
    }

    [Theory]
    [InlineData(SignpostKeys.RfsSlippage, SignpostStatus.Breached, null)]
    [InlineData(SignpostKeys.ColocationMomentum, SignpostStatus.AtRisk, null)]
    [InlineData(SignpostKeys.ColocationMomentum, SignpostStatus.Breached, null)]
    [InlineData(SignpostKeys.BillableMwTarget, SignpostStatus.Missed, null)]
    [InlineData(SignpostKeys.ContractDelivery, SignpostStatus.Missed, "CW-1")]
    [InlineData(SignpostKeys.DemandIntegrity, SignpostStatus.Breached, null)]
    public void One_execution_failure_is_watch_and_with_a_breached_margin_is_reverting_to_miner(string key, SignpostStatus status, string? subject)
    {
        Assert.Equal(Verdict.Watch, VerdictWith((key, status, subject)));
        Assert.Equal(Verdict.RevertingToMiner, VerdictWith((key, status, subject), (SignpostKeys.MiningMargin, SignpostStatus.Breached, null)));
    }

    [Fact]
    public void A_margin_only_at_risk_does_not_turn_one_failure_into_reverting()
    {
        Assert.Equal(Verdict.Watch, VerdictWith((SignpostKeys.RfsSlippage, SignpostStatus.Breached, null), (SignpostKeys.MiningMargin, SignpostStatus.AtRisk, null)));
    }

    [Fact]
    public void Two_execution_failures_are_reverting_to_miner_even_with_a_healthy_margin()
    {
        Assert.Equal(Verdict.RevertingToMiner, VerdictWith(
            (SignpostKeys.RfsSlippage, SignpostStatus.Breached, null),
            (SignpostKeys.DemandIntegrity, SignpostStatus.Breached, null)));
    }

    [Fact]
    public void Two_missed_contracts_count_as_two_execution_failures()
    {
        Assert.Equal(Verdict.RevertingToMiner, VerdictWith(
            (SignpostKeys.ContractDelivery, SignpostStatus.Missed, "CW-1"),
            (SignpostKeys.ContractDelivery, SignpostStatus.Missed, "CW-2")));
    }

    [Theory]
    [InlineData(SignpostKeys.BillableMwTarget, null)]
    [InlineData(SignpostKeys.ContractDelivery, "CW-2")]
    [InlineData(SignpostKeys.SpeedToCash, null)]
    public void A_validation_signpost_at_risk_without_failures_is_watch(string key, string? subject)
    {
        Assert.Equal(Verdict.Watch, VerdictWith((key, SignpostStatus.AtRisk, subject)));
    }

    [Fact]
    public void Risk_signposts_at_risk_do_not_make_watch()
    {
        Assert.Equal(Verdict.ReratingSupported, VerdictWith(
            (SignpostKeys.RfsSlippage, SignpostStatus.AtRisk, null),
            (SignpostKeys.MiningMargin, SignpostStatus.AtRisk, null)));
    }

    [Fact]
    public void Speed_to_cash_missed_is_not_an_execution_failure()
    {
        Assert.Equal(Verdict.ReratingSupported, VerdictWith((SignpostKeys.SpeedToCash, SignpostStatus.Missed, null)));
    }

    [Fact]
    public void Without_momentum_data_and_without_failures_the_data_is_insufficient()
    {
        Assert.Equal(Verdict.InsufficientData, VerdictWith((SignpostKeys.ColocationMomentum, SignpostStatus.NoData, null)));
    }

    [Fact]
    public void A_company_with_no_facts_at_all_has_insufficient_data()
    {
        var e = Eval.At(new CompanyBuilder().Build(), "2026-01-01");

        Assert.Equal(Verdict.InsufficientData, e.Verdict);
        Assert.Equal("insufficient_data", e.Verdict.ToWire());
        Assert.Contains("colocation momentum is no_data", e.VerdictExplanation);
    }

    [Fact]
    public void A_slipping_company_in_a_negative_margin_market_reverts_to_miner_end_to_end()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", colocationUsd: 8_600_000m);
        b.Quarter("2025-12-31", colocationUsd: 70_000_000m);
        b.Quarter("2026-03-31", reportedOn: "2026-05-07", colocationUsd: 77_500_000m);
        var k = b.Contract("CW-1", 590m, "2025-01-01", "2027-03-31", annualizedUsd: 850_000_000m);
        var t = b.Tranche("T1", 200m, k);
        b.Revision(t, "2025-01-01", "2026-06-30").Revision(t, "2026-05-01", "2026-12-31");
        var market = new MarketBuilder().Btc("2026-05-14", 65_000m).IndustryCashCost("2026-04-30", 80_000m).Build();

        var e = Eval.At(b.Build(), "2026-05-15", market);

        Assert.Equal(SignpostStatus.Met, e.Only(SignpostKeys.ColocationMomentum).Status);
        Assert.Equal(SignpostStatus.Breached, e.Only(SignpostKeys.RfsSlippage).Status);
        Assert.Equal(SignpostStatus.Breached, e.Only(SignpostKeys.MiningMargin).Status);
        Assert.Equal(Verdict.RevertingToMiner, e.Verdict);
        Assert.Equal("Mining margin is breached and execution failed: RFS slippage breached.", e.VerdictExplanation);
        Assert.Equal("CORZ", e.Ticker);
        Assert.Equal(TestDates.D("2026-05-15"), e.AsOf);
    }

    [Fact]
    public void Signposts_come_in_product_order()
    {
        var b = new CompanyBuilder();
        b.Target(450m, "2026-09-22", "2025-11-01");
        b.Contract("CW-1", 590m, "2025-01-01", "2027-03-31");

        var keys = Eval.At(b.Build(), "2026-01-01").Signposts.Select(s => s.Key).ToArray();

        Assert.Equal(SignpostKeys.All.ToArray(), keys);
        Assert.All(Eval.At(b.Build(), "2026-01-01").Signposts, s => Assert.Equal(SignpostKeys.KindOf(s.Key), s.Kind));
    }

    [Fact]
    public void Every_signpost_explains_itself_in_one_sentence()
    {
        var b = new CompanyBuilder();
        b.Target(450m, "2026-09-22", "2025-11-01");
        var k = b.Contract("CW-1", 590m, "2025-01-01", "2027-03-31", annualizedUsd: 100m);
        b.Event(k, ContractEventKind.Downsized, "2025-12-01", 10m);
        b.Revision(b.Tranche("T1", 100m, k, site: b.Site("S", TestDates.D("2025-01-01"))), "2025-01-01", "2026-06-30");
        b.Quarter("2025-09-30", colocationUsd: 1m, billableMw: 1m, cashCostPerBtc: 1m);
        b.Quarter("2025-12-31", reportedOn: "2026-01-01", colocationUsd: 2m, billableMw: 2m);
        var market = new MarketBuilder().Btc("2026-01-01", 10m).Build();

        var e = Eval.At(b.Build(), "2026-01-01", market);

        Assert.All(e.Signposts, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Explanation));
            Assert.EndsWith(".", s.Explanation);
            Assert.DoesNotContain(". ", s.Explanation.TrimEnd('.'));
            Assert.All(s.Details.Keys, k => Assert.True(char.IsLower(k[0]), k));
        });
    }
}

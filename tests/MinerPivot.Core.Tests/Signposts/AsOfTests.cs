using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class AsOfTests
{
    private static CompanyBuilder Company()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-03-31", reportedOn: "2025-05-06", colocationUsd: 8_600_000m, billableMw: 100m);
        b.Quarter("2025-12-31", reportedOn: "2026-02-25", colocationUsd: 70_000_000m, billableMw: 200m);
        var k = b.Contract("CW-1", 590m, "2025-01-01", "2027-03-31", annualizedUsd: 850_000_000m);
        var t = b.Tranche("T1", 200m, k, site: b.Site("Denton", TestDates.D("2024-06-01")));
        b.Revision(t, "2025-01-01", "2026-06-30");
        b.Target(450m, "2026-09-22", "2025-11-01");
        return b;
    }

    [Fact]
    public void A_revision_announced_after_the_as_of_date_changes_nothing_at_that_date()
    {
        var b = Company();
        var before = Eval.At(b.Build(), "2026-04-30").Canonical();

        b.Revision(b.Tranches[0], "2026-05-01", "2026-12-31");

        Assert.Equal(before, Eval.At(b.Build(), "2026-04-30").Canonical());
        var later = Eval.At(b.Build(), "2026-05-01");
        Assert.Equal(184, later.Tranche("T1").SlipDays);
        Assert.Equal(SignpostStatus.Breached, later.Only(SignpostKeys.RfsSlippage).Status);
    }

    [Fact]
    public void A_quarter_reported_after_the_as_of_date_is_ignored()
    {
        var b = Company();
        var before = Eval.At(b.Build(), "2026-05-06").Canonical();

        b.Quarter("2026-03-31", reportedOn: "2026-05-07", colocationUsd: 10m, billableMw: 1m, cashCostPerBtc: 1m);

        Assert.Equal(before, Eval.At(b.Build(), "2026-05-06").Canonical());
        Assert.Equal(TestDates.D("2026-03-31"),
            Eval.At(b.Build(), "2026-05-07").Only(SignpostKeys.ColocationMomentum).Detail<DateOnly>("latestPeriodEnd"));
    }

    [Fact]
    public void Contracts_events_targets_and_market_data_dated_after_the_as_of_date_are_ignored()
    {
        var b = Company();
        var market = new MarketBuilder().Btc("2026-04-01", 90_000m).IndustryCashCost("2026-03-01", 70_000m);
        var before = Eval.At(b.Build(), "2026-04-30", market.Build()).Canonical();

        b.Event(b.Contracts[0], ContractEventKind.Cancelled, "2026-05-01");
        var late = b.Contract("LATE", 100m, "2026-05-01", "2026-12-31", annualizedUsd: 1m);
        b.Revision(b.Tranche("T2", 100m, late), "2026-05-01", "2026-06-01");
        b.Target(900m, "2026-06-30", "2026-05-01");
        market.Btc("2026-05-01", 10_000m).IndustryCashCost("2026-05-01", 99_000m);

        Assert.Equal(before, Eval.At(b.Build(), "2026-04-30", market.Build()).Canonical());
    }

    [Fact]
    public void A_tranche_delivered_after_the_as_of_date_is_not_delivered_at_that_date()
    {
        var b = Company();
        b.Tranches[0].ActualRfs = TestDates.D("2026-06-15");

        var e = Eval.At(b.Build(), "2026-06-14");

        Assert.Null(e.Tranche("T1").ActualRfs);
        Assert.False(e.Tranche("T1").Delivered);
        Assert.Equal(0m, e.For(SignpostKeys.ContractDelivery, "CW-1").Value);
    }

    [Fact]
    public void A_tranche_is_known_from_its_first_announced_RFS()
    {
        var b = new CompanyBuilder();
        var k = b.Contract("CW-1", 100m, "2025-01-01");
        b.Revision(b.Tranche("T1", 100m, k), "2025-06-01", "2026-06-30");

        Assert.Empty(Eval.At(b.Build(), "2025-05-31").Tranches);
        Assert.Single(Eval.At(b.Build(), "2025-06-01").Tranches);
    }

    [Fact]
    public void A_tranche_without_revisions_is_known_from_its_contracts_signing()
    {
        var b = new CompanyBuilder();
        var k = b.Contract("CW-1", 100m, "2025-01-01");
        b.Tranche("T1", 100m, k);

        Assert.Empty(Eval.At(b.Build(), "2024-12-31").Tranches);
        var slip = Eval.At(b.Build(), "2025-01-01").Tranche("T1");
        Assert.Null(slip.BaselineRfs);
        Assert.Equal("CW-1", slip.ContractCode);
    }

    [Fact]
    public void A_delivered_tranche_is_known_from_its_actual_RFS()
    {
        var b = new CompanyBuilder();
        b.Tranche("LEGACY", 20m, actualRfs: "2024-03-01");

        Assert.Empty(Eval.At(b.Build(), "2024-02-29").Tranches);
        Assert.True(Eval.At(b.Build(), "2024-03-01").Tranche("LEGACY").Delivered);
    }

    [Fact]
    public void A_tranche_whose_contract_is_signed_later_shows_no_contract_yet()
    {
        var b = new CompanyBuilder();
        var k = b.Contract("CW-9", 100m, "2025-09-01");
        b.Revision(b.Tranche("T1", 100m, k), "2025-06-01", "2026-06-30");

        Assert.Null(Eval.At(b.Build(), "2025-08-31").Tranche("T1").ContractCode);
        Assert.Equal("CW-9", Eval.At(b.Build(), "2025-09-01").Tranche("T1").ContractCode);
    }

    [Fact]
    public void Input_order_does_not_change_the_result()
    {
        var b = Company();
        b.Quarter("2024-12-31", colocationUsd: 1m);
        b.Revision(b.Tranches[0], "2025-06-01", "2026-08-31");
        var facts = b.Build();
        var reversed = facts with
        {
            Quarters = facts.Quarters.Reverse().ToList(),
            Contracts = facts.Contracts.Reverse().ToList(),
            Tranches = facts.Tranches.Reverse().ToList(),
            Sites = facts.Sites.Reverse().ToList(),
        };
        var original = Eval.At(facts, "2026-03-01").Canonical();
        b.Tranches[0].Revisions.Reverse();

        Assert.Equal(original, Eval.At(reversed, "2026-03-01").Canonical());
    }

    [Fact]
    public void Facts_can_come_from_a_companys_navigation_collections()
    {
        var b = Company();
        var c = b.Company;
        c.Sites = b.Sites;
        c.Contracts = b.Contracts;
        c.Tranches = b.Tranches;
        c.Quarters = b.Quarters;
        c.Targets = b.Targets;

        Assert.Equal(Eval.At(b.Build(), "2026-03-01").Canonical(), Eval.At(CompanyFacts.From(c), "2026-03-01").Canonical());
    }
}

using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class SpeedToCashTests
{
    private const string Key = SignpostKeys.SpeedToCash;
    private static readonly DateOnly Acquired = TestDates.D("2025-01-01");

    private static CompanyBuilder WithRfsDaysAfterAcquisition(params int[] days)
    {
        var b = new CompanyBuilder();
        var site = b.Site("Denton", Acquired);
        for (var i = 0; i < days.Length; i++)
        {
            var t = b.Tranche($"T{i + 1}", 10m, site: site);
            b.Revision(t, "2024-12-01", Acquired.AddDays(days[i]).ToString("yyyy-MM-dd"));
        }
        return b;
    }

    [Theory]
    [InlineData(426, 14.00, "met")]      // 13.996 months
    [InlineData(427, 14.03, "at_risk")]
    [InlineData(548, 18.00, "at_risk")]  // 18.004 months
    [InlineData(549, 18.04, "missed")]
    [InlineData(365, 11.99, "met")]
    public void Months_from_site_acquisition_to_RFS_decide_the_status(int days, double months, string status)
    {
        var s = Eval.At(WithRfsDaysAfterAcquisition(days).Build(), "2025-01-15").Only(Key);

        Assert.Equal((decimal)months, s.Value);
        Assert.Equal(status, s.Status.ToWire());
        Assert.Equal(14m, s.Target);
        Assert.Equal("months", s.Unit);
    }

    [Fact]
    public void The_company_figure_is_the_median_over_tranches()
    {
        var odd = Eval.At(WithRfsDaysAfterAcquisition(300, 900, 400).Build(), "2025-01-15").Only(Key);
        var even = Eval.At(WithRfsDaysAfterAcquisition(300, 900, 400, 500).Build(), "2025-01-15").Only(Key);

        Assert.Equal(13.14m, odd.Value);   // 400 days
        Assert.Equal(14.78m, even.Value);  // 450 days
        Assert.Equal(450m, even.DecimalDetail("medianDays"));
        Assert.Equal(4, even.Detail<int>("trancheCount"));
    }

    [Fact]
    public void The_actual_RFS_is_used_once_delivered_else_the_current_RFS()
    {
        var b = new CompanyBuilder();
        var site = b.Site("Denton", Acquired);
        var t = b.Tranche("T1", 10m, site: site, actualRfs: "2026-06-01");
        b.Revision(t, "2024-12-01", "2026-01-01");

        Assert.Equal(11.99m, Eval.At(b.Build(), "2026-05-31").Only(Key).Value);    // 365 days
        Assert.Equal(16.95m, Eval.At(b.Build(), "2026-06-01").Only(Key).Value);    // 516 days
    }

    [Fact]
    public void No_tranche_with_a_start_and_an_RFS_date_is_no_data()
    {
        var b = new CompanyBuilder();
        var site = b.Site("Denton", acquiredOn: null);
        b.Revision(b.Tranche("T1", 10m, site: site), "2024-12-01", "2026-01-01");

        var s = Eval.At(b.Build(), "2025-01-15").Only(Key);

        Assert.Equal(SignpostStatus.NoData, s.Status);
        Assert.Null(s.Value);
    }

    [Fact]
    public void A_site_acquired_after_the_as_of_date_does_not_count_yet()
    {
        var b = new CompanyBuilder();
        var site = b.Site("Later", TestDates.D("2025-06-01"));
        b.Revision(b.Tranche("T1", 10m, site: site), "2025-01-01", "2026-01-01");

        Assert.Equal(SignpostStatus.NoData, Eval.At(b.Build(), "2025-05-31").Only(Key).Status);
        Assert.Equal(SignpostStatus.Met, Eval.At(b.Build(), "2025-06-01").Only(Key).Status);
    }

    [Fact]
    public void A_legacy_mining_site_starts_when_its_AI_contract_is_signed()
    {
        var b = new CompanyBuilder();
        var site = b.Site("Denton", TestDates.D("2021-10-07"));
        var contract = b.Contract("CW1", 100m, signedOn: "2024-06-03");
        b.Revision(b.Tranche("T1", 100m, contract: contract, site: site), "2024-06-03", "2025-06-03"); // 365 days after signing

        var s = Eval.At(b.Build(), "2025-01-15").Only(Key);

        Assert.Equal(11.99m, s.Value);
        Assert.Equal(SignpostStatus.Met, s.Status);
    }

    [Fact]
    public void A_site_bought_for_a_signed_contract_starts_when_it_is_bought()
    {
        var b = new CompanyBuilder();
        var site = b.Site("New", TestDates.D("2025-03-01"));
        var contract = b.Contract("C1", 100m, signedOn: "2024-12-01");
        b.Revision(b.Tranche("T1", 100m, contract: contract, site: site), "2024-12-01", "2026-09-01"); // 549 days after purchase

        Assert.Equal(18.04m, Eval.At(b.Build(), "2025-03-01").Only(Key).Value);
        Assert.Equal(SignpostStatus.Missed, Eval.At(b.Build(), "2025-03-01").Only(Key).Status);
        // Before the purchase is known only the contract counts: 639 days from signing.
        Assert.Equal(20.99m, Eval.At(b.Build(), "2025-02-28").Only(Key).Value);
    }

    [Fact]
    public void Without_an_acquisition_date_the_contract_signing_starts_the_clock()
    {
        var b = new CompanyBuilder();
        var site = b.Site("Leased", acquiredOn: null);
        var contract = b.Contract("C1", 100m, signedOn: "2025-01-01");
        b.Revision(b.Tranche("T1", 100m, contract: contract, site: site), "2025-01-01", "2026-01-01");

        Assert.Equal(11.99m, Eval.At(b.Build(), "2025-01-15").Only(Key).Value);
    }

    [Fact]
    public void A_contract_signed_after_the_as_of_date_does_not_move_the_start_yet()
    {
        var b = new CompanyBuilder();
        var site = b.Site("Denton", Acquired);
        var contract = b.Contract("C1", 100m, signedOn: "2025-06-01");
        b.Revision(b.Tranche("T1", 100m, contract: contract, site: site), "2024-12-01", "2026-01-01");

        Assert.Equal(11.99m, Eval.At(b.Build(), "2025-05-31").Only(Key).Value);  // from acquisition: 365 days
        Assert.Equal(7.03m, Eval.At(b.Build(), "2025-06-01").Only(Key).Value);   // from signing: 214 days
    }
}

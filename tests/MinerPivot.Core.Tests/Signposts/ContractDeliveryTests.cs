using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class ContractDeliveryTests
{
    private const string Key = SignpostKeys.ContractDelivery;

    /// <summary>CoreWeave 590 MW by 2027-03-31: A (200 MW) delivered, B (200 MW) due 2026-09-30, C (190 MW) due 2027-02-28.</summary>
    private static (CompanyBuilder B, Tranche A, Tranche Bt, Tranche C) CoreWeave(string? deliveryBy = "2027-03-31")
    {
        var b = new CompanyBuilder();
        var cw = b.Contract("CW-1", 590m, signedOn: "2025-06-01", deliveryBy: deliveryBy);
        var a = b.Tranche("A", 200m, cw, actualRfs: "2026-01-15");
        b.Revision(a, "2025-06-01", "2026-01-15");
        var bt = b.Tranche("B", 200m, cw);
        b.Revision(bt, "2025-06-01", "2026-09-30");
        var c = b.Tranche("C", 190m, cw);
        b.Revision(c, "2025-06-01", "2027-02-28");
        return (b, a, bt, c);
    }

    [Fact]
    public void CoreWeave_590_MW_scheduled_in_time_with_nothing_late_is_on_track()
    {
        var s = Eval.At(CoreWeave().B.Build(), "2026-05-15").For(Key, "CW-1");

        Assert.Equal(SignpostStatus.OnTrack, s.Status);
        Assert.Equal(200m, s.Value);
        Assert.Equal(590m, s.Target);
        Assert.Equal("MW", s.Unit);
        Assert.Equal(590m, s.DecimalDetail("scheduledMw"));
        Assert.Equal("CoreWeave", s.Detail<string>("customer"));
    }

    [Fact]
    public void Everything_delivered_is_met()
    {
        var (b, _, bt, c) = CoreWeave();
        bt.ActualRfs = TestDates.D("2026-09-30");
        c.ActualRfs = TestDates.D("2027-02-01");

        var s = Eval.At(b.Build(), "2027-02-01").For(Key, "CW-1");

        Assert.Equal(SignpostStatus.Met, s.Status);
        Assert.Equal(590m, s.Value);
    }

    [Fact]
    public void A_tranche_now_due_after_the_contract_date_leaves_the_commitment_at_risk()
    {
        var (b, _, _, c) = CoreWeave();
        b.Revision(c, "2026-05-01", "2027-04-30");

        var s = Eval.At(b.Build(), "2026-05-15").For(Key, "CW-1");

        Assert.Equal(SignpostStatus.AtRisk, s.Status);
        Assert.Equal(400m, s.DecimalDetail("scheduledMw"));
        Assert.Contains("only 400 MW is delivered (200 MW) or scheduled", s.Explanation);
    }

    [Theory]
    [InlineData("2026-10-30", "on_track")] // B slips 30 days: minor
    [InlineData("2026-10-31", "at_risk")]  // B slips 31 days: major
    public void A_major_slip_puts_delivery_at_risk_even_when_still_scheduled_in_time(string newRfs, string expected)
    {
        var (b, _, bt, _) = CoreWeave();
        b.Revision(bt, "2026-04-01", newRfs);

        var s = Eval.At(b.Build(), "2026-05-15").For(Key, "CW-1");

        Assert.Equal(590m, s.DecimalDetail("scheduledMw"));
        Assert.Equal(expected, s.Status.ToWire());
    }

    [Fact]
    public void An_undelivered_commitment_after_its_date_is_missed()
    {
        var (b, _, bt, c) = CoreWeave();
        bt.ActualRfs = TestDates.D("2026-09-30");
        c.ActualRfs = TestDates.D("2027-04-15");

        // On the date itself it is not missed yet (C is overdue, so at risk); the day after it is.
        Assert.Equal(SignpostStatus.AtRisk, Eval.At(b.Build(), "2027-03-31").For(Key, "CW-1").Status);
        var s = Eval.At(b.Build(), "2027-04-01").For(Key, "CW-1");

        Assert.Equal(SignpostStatus.Missed, s.Status);
        Assert.Equal(400m, s.Value);
    }

    [Fact]
    public void Delivery_after_the_as_of_date_does_not_count_as_delivered()
    {
        var (b, a, _, _) = CoreWeave();
        a.ActualRfs = TestDates.D("2026-06-01");

        var s = Eval.At(b.Build(), "2026-05-15").For(Key, "CW-1");

        Assert.Equal(0m, s.Value);
        Assert.Null(Eval.At(b.Build(), "2026-05-15").Tranche("A").ActualRfs);
        Assert.Equal(200m, Eval.At(b.Build(), "2026-06-01").For(Key, "CW-1").Value);
    }

    [Fact]
    public void A_contract_without_a_delivery_date_is_judged_by_its_tranches_severities()
    {
        var (b, _, bt, _) = CoreWeave(deliveryBy: null);

        Assert.Equal(SignpostStatus.OnTrack, Eval.At(b.Build(), "2026-05-15").For(Key, "CW-1").Status);

        b.Revision(bt, "2026-04-01", "2027-06-30");
        var s = Eval.At(b.Build(), "2026-05-15").For(Key, "CW-1");

        Assert.Equal(SignpostStatus.AtRisk, s.Status);
        Assert.Equal(["B"], s.Detail<string[]>("majorOrCriticalTranches"));
    }

    [Fact]
    public void A_contract_without_a_delivery_date_is_met_once_delivered()
    {
        var b = new CompanyBuilder();
        var k = b.Contract("K", 50m, "2025-01-01");
        b.Tranche("K1", 50m, k, actualRfs: "2025-12-01");

        Assert.Equal(SignpostStatus.Met, Eval.At(b.Build(), "2026-01-01").For(Key, "K").Status);
    }

    [Fact]
    public void An_overdue_undelivered_tranche_puts_delivery_at_risk()
    {
        var (b, _, _, _) = CoreWeave();

        var s = Eval.At(b.Build(), "2026-10-01").For(Key, "CW-1");

        Assert.Equal(SignpostStatus.AtRisk, s.Status);
        Assert.Equal(["B"], s.Detail<string[]>("majorOrCriticalTranches"));
    }

    [Fact]
    public void A_contract_with_a_date_but_no_tranches_yet_is_at_risk()
    {
        var b = new CompanyBuilder();
        b.Contract("NEW", 100m, "2026-01-01", deliveryBy: "2027-01-01");

        var s = Eval.At(b.Build(), "2026-02-01").For(Key, "NEW");

        Assert.Equal(SignpostStatus.AtRisk, s.Status);
        Assert.Equal(0m, s.DecimalDetail("scheduledMw"));
    }

    [Fact]
    public void Contracts_signed_after_the_as_of_date_or_cancelled_by_then_are_not_evaluated()
    {
        var (b, _, _, _) = CoreWeave();
        b.Contract("LATER", 100m, "2026-06-01", "2027-01-01");
        var gone = b.Contract("GONE", 100m, "2025-01-01", "2027-01-01");
        b.Event(gone, ContractEventKind.Cancelled, "2026-03-01");

        var e = Eval.At(b.Build(), "2026-05-15");

        Assert.Equal(["CW-1"], e.WithKey(Key).Select(s => s.Subject!).ToArray());
        Assert.Equal(["CW-1", "GONE"], Eval.At(b.Build(), "2026-02-28").WithKey(Key).Select(s => s.Subject!).ToArray());
    }

    [Fact]
    public void A_cancelled_tranche_counts_neither_as_delivered_nor_scheduled()
    {
        var (b, _, bt, _) = CoreWeave();
        bt.Status = TrancheStatus.Cancelled;

        var s = Eval.At(b.Build(), "2026-05-15").For(Key, "CW-1");

        Assert.Equal(390m, s.DecimalDetail("scheduledMw"));
        Assert.Equal(SignpostStatus.AtRisk, s.Status);
    }
}

using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

/// <summary>Implausible rows (stored before the import bounds, or by SQL) and broken facts never throw out of the engine.</summary>
public class FaultIsolationTests
{
    /// <summary>The rows that made GET /api/v1/companies answer 500 (OverflowException in the revenue-at-risk product).</summary>
    private static CompanyBuilder Extreme()
    {
        var b = new CompanyBuilder();
        var contract = b.Contract("HUGE", 0.001m, signedOn: "2025-01-01", annualizedUsd: 9_999_999_999_999_999.99m);
        var t = b.Tranche("T1", 999_999_999.999m, contract: contract);
        b.Revision(t, "2025-01-01", "2026-01-01").Revision(t, "2025-06-01", "9999-12-31");
        b.Quarter("2025-03-31", colocationUsd: 0.01m);
        b.Quarter("2025-06-30", colocationUsd: 9_999_999_999_999_999.99m);
        return b;
    }

    [Fact]
    public void Figures_that_would_overflow_are_left_out_and_the_rest_is_evaluated()
    {
        var e = Eval.At(Extreme().Build(), "2025-08-15");

        Assert.NotEqual(Verdict.Error, e.Verdict);
        Assert.Null(e.Failure);
        // 999,999,999.999 MW × 1e19 USD per MW-year passes the ceiling: no revenue-at-risk figure rather than a crash.
        Assert.Null(e.Tranche("T1").RevenueAtRiskUsd);
        Assert.Equal(SlipSeverity.Critical, e.Tranche("T1").Severity);
        Assert.Equal(SignpostStatus.Breached, e.Only(SignpostKeys.RfsSlippage).Status);
        Assert.Equal(99_999_999_999_999_999_800m, e.Only(SignpostKeys.ColocationMomentum).DecimalDetail("qoqPct"));
        Assert.Equal(SignpostStatus.Ok, e.Only(SignpostKeys.RevenueVisibility).Status);
        Assert.Equal(9_999_999_999_999_999_990m, e.Only(SignpostKeys.RevenueVisibility).Value);
    }

    [Fact]
    public void A_company_whose_facts_cannot_be_evaluated_gets_the_error_verdict_with_the_reason_and_the_others_are_evaluated()
    {
        var broken = new CompanyBuilder();
        var t = broken.Tranche("T1", 10m);
        broken.Revision(t, "2025-01-01", "2026-01-01");
        // A half-built fact (as a corrupt row could give): revisions with no list at all.
        t.Revisions = null!;
        var healthy = new CompanyBuilder("IREN");
        healthy.Quarter("2025-03-31", colocationUsd: 1_000_000m);

        var results = new SignpostEngine().EvaluateAll([broken.Build(), healthy.Build()], MarketFacts.Empty, TestDates.D("2025-08-15"));

        Assert.Equal(Verdict.Error, results[0].Verdict);
        Assert.Equal("error", results[0].Verdict.ToWire());
        Assert.StartsWith("NullReferenceException", results[0].Failure);
        Assert.Contains("could not be evaluated", results[0].VerdictExplanation);
        Assert.Empty(results[0].Signposts);
        Assert.NotEqual(Verdict.Error, results[1].Verdict);
        Assert.Equal(6, results[1].Signposts.Count);  // no target, no contract
    }
}

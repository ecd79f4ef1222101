using System.Text.Json;
using MinerPivot.Core.Signposts;

namespace MinerPivot.Core.Tests.Signposts;

public class WireAndThresholdTests
{
    [Theory]
    [InlineData(SignpostStatus.Met, "met")]
    [InlineData(SignpostStatus.OnTrack, "on_track")]
    [InlineData(SignpostStatus.AtRisk, "at_risk")]
    [InlineData(SignpostStatus.Missed, "missed")]
    [InlineData(SignpostStatus.Breached, "breached")]
    [InlineData(SignpostStatus.Ok, "ok")]
    [InlineData(SignpostStatus.NoData, "no_data")]
    public void Statuses_have_the_product_wire_words_in_code_and_in_JSON(SignpostStatus status, string wire)
    {
        Assert.Equal(wire, status.ToWire());
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(status));
        Assert.True(SignpostWire.TryParseStatus(wire, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData(Verdict.ReratingSupported, "rerating_supported")]
    [InlineData(Verdict.Watch, "watch")]
    [InlineData(Verdict.RevertingToMiner, "reverting_to_miner")]
    [InlineData(Verdict.InsufficientData, "insufficient_data")]
    public void Verdicts_have_the_product_wire_words(Verdict verdict, string wire)
    {
        Assert.Equal(wire, verdict.ToWire());
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(verdict));
        Assert.True(SignpostWire.TryParseVerdict(wire, out var parsed));
        Assert.Equal(verdict, parsed);
    }

    [Theory]
    [InlineData(SlipSeverity.None, "none")]
    [InlineData(SlipSeverity.Minor, "minor")]
    [InlineData(SlipSeverity.Major, "major")]
    [InlineData(SlipSeverity.Critical, "critical")]
    public void Severities_have_the_product_wire_words(SlipSeverity severity, string wire)
    {
        Assert.Equal(wire, severity.ToWire());
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(severity));
        Assert.True(SignpostWire.TryParseSeverity(wire, out var parsed));
        Assert.Equal(severity, parsed);
    }

    [Fact]
    public void Unknown_wire_words_do_not_parse()
    {
        Assert.False(SignpostWire.TryParseStatus("On_Track", out _));
        Assert.False(SignpostWire.TryParseVerdict(null, out _));
        Assert.True(SignpostWire.TryParseKind("risk", out var kind));
        Assert.Equal(SignpostKind.Risk, kind);
    }

    [Fact]
    public void Default_thresholds_are_those_of_the_product_brief()
    {
        var t = new SignpostThresholds();

        Assert.Equal("Signposts", SignpostThresholds.SectionName);
        Assert.Equal(50m, t.MomentumYoYPct);
        Assert.Equal(365, t.YoYWindowDays);
        Assert.Equal(45, t.YoYToleranceDays);
        Assert.Equal(30, t.MinorSlipMaxDays);
        Assert.Equal(90, t.MajorSlipMaxDays);
        Assert.Equal(25m, t.MarginOkPct);
        Assert.Equal(200, t.CompanyCostMaxAgeDays);
        Assert.Equal(14m, t.SpeedToCashMetMonths);
        Assert.Equal(18m, t.SpeedToCashAtRiskMonths);
        Assert.Equal(180, t.DemandLookbackDays);
        Assert.Equal("public_miner_cash_cost_per_btc_usd", t.IndustryCashCostSeries);
        Assert.Empty(t.IndicatorRules);
        Assert.Empty(t.Validate());
    }

    [Fact]
    public void Inconsistent_thresholds_are_reported()
    {
        var t = new SignpostThresholds { MinorSlipMaxDays = 90, MajorSlipMaxDays = 30, IndicatorRules = [new IndicatorRule()] };

        var errors = t.Validate();

        Assert.Contains(errors, e => e.Contains("MajorSlipMaxDays"));
        Assert.Contains(errors, e => e.Contains("IndicatorRules[0].Series"));
    }

    [Fact]
    public void Custom_slip_thresholds_change_the_severities()
    {
        var b = new CompanyBuilder();
        var t = b.Tranche("T1", 10m);
        b.Revision(t, "2025-01-01", "2026-01-01").Revision(t, "2025-02-01", "2026-01-11");

        var e = Eval.At(b.Build(), "2025-06-01", thresholds: new SignpostThresholds { MinorSlipMaxDays = 5, MajorSlipMaxDays = 9 });

        Assert.Equal(SlipSeverity.Critical, e.Tranche("T1").Severity);
    }

    [Fact]
    public void An_evaluation_serializes_to_JSON_with_wire_words_and_ISO_dates()
    {
        var b = new CompanyBuilder();
        b.Quarter("2025-12-31", colocationUsd: 1m);
        b.Quarter("2026-03-31", colocationUsd: 2m);

        var json = JsonSerializer.Serialize(Eval.At(b.Build(), "2026-06-01"), new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Contains("\"status\":\"on_track\"", json);
        Assert.Contains("\"kind\":\"validation\"", json);
        Assert.Contains("\"verdict\":\"rerating_supported\"", json);
        Assert.Contains("\"latestPeriodEnd\":\"2026-03-31\"", json);
    }
}

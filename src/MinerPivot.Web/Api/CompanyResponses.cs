using MinerPivot.Core.Signposts;
using MinerPivot.Web.Features.Companies;

namespace MinerPivot.Web.Api;

/// <summary>A company in the list, with its verdict as of the date asked (default today).</summary>
public sealed record CompanySummary(string Ticker, string Name, DateOnly? LatestPeriodEnd, string? LatestFiscalLabel, Verdict Verdict);

/// <summary>A company's signposts, tranche slips and verdict as of a date.</summary>
public sealed record SignpostsResponse(
    string Ticker,
    DateOnly AsOf,
    Verdict Verdict,
    string VerdictExplanation,
    IReadOnlyList<SignpostEvaluation> Signposts,
    IReadOnlyList<TrancheSlipResponse> Tranches)
{
    public static SignpostsResponse From(CompanyEvaluation e) => new(
        e.Ticker, e.AsOf, e.Verdict, e.VerdictExplanation, e.Signposts,
        e.Tranches.Select(t => new TrancheSlipResponse(
            t.SiteName, t.TrancheCode, t.ContractCode, t.Mw, t.BaselineRfs, t.CurrentRfs, t.ActualRfs, t.SlipDays,
            t.Overdue, t.DaysOverdue, t.Severity, t.RevenueAtRiskUsd)).ToList());
}

/// <summary>One tranche's RFS slippage as of the date (cancelled tranches are not listed).</summary>
public sealed record TrancheSlipResponse(
    string Site,
    string Tranche,
    string? Contract,
    decimal Mw,
    DateOnly? BaselineRfs,
    DateOnly? CurrentRfs,
    DateOnly? ActualRfs,
    int? SlipDays,
    bool Overdue,
    int DaysOverdue,
    SlipSeverity Severity,
    decimal? RevenueAtRiskUsd);

/// <summary>A company's quarters; <see cref="AsOf"/> is null when every stored quarter is listed.</summary>
public sealed record QuartersResponse(string Ticker, DateOnly? AsOf, IReadOnlyList<QuarterSnapshot> Quarters);

/// <summary>A company's tranches with their RFS revisions; <see cref="AsOf"/> is null when nothing is filtered.</summary>
public sealed record TranchesResponse(string Ticker, DateOnly? AsOf, IReadOnlyList<TrancheSnapshot> Tranches);

/// <summary>A company's contracts with their events; <see cref="AsOf"/> is null when nothing is filtered.</summary>
public sealed record ContractsResponse(string Ticker, DateOnly? AsOf, IReadOnlyList<ContractSnapshot> Contracts);

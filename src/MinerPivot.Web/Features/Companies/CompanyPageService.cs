using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Domain;
using MinerPivot.Core.Signposts;
using MinerPivot.Data;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Features.Companies;

/// <summary>One signpost evaluation as the company page shows it.</summary>
public sealed record SignpostItem(
    string Key,
    SignpostKind Kind,
    string? Subject,
    SignpostStatus Status,
    decimal? Value,
    decimal? Target,
    string Unit,
    string Explanation,
    List<string> Sources);

/// <summary>A tranche with its RFS history and, unless cancelled, its slip as of the page's date.</summary>
public sealed record TrancheRow(
    string Tranche,
    string Site,
    string? Contract,
    string Customer,
    decimal Mw,
    TrancheStatus? Status,
    DateOnly? BaselineRfs,
    DateOnly? CurrentRfs,
    DateOnly? ActualRfs,
    int? SlipDays,
    bool Overdue,
    SlipSeverity? Severity,
    decimal? RevenueAtRiskUsd,
    string Source,
    List<RfsRevisionFact> Revisions);

/// <summary>A billable MW target drawn at its deadline.</summary>
public sealed record TargetMarker(DateOnly Deadline, decimal TargetMw, SignpostStatus Status, string Explanation);

/// <summary>A BTC close with the cash cost per BTC that applied that day (the company's, else the public-miner average).</summary>
public sealed record MarginPoint(DateOnly Date, decimal BtcPriceUsd, decimal? CashCostUsd, string? CostBasis);

/// <summary>Everything the company page shows, as known on <paramref name="AsOf"/>; loaded once per visit.</summary>
public sealed record CompanyPageView(
    string Ticker,
    string Name,
    DateOnly AsOf,
    Verdict Verdict,
    string VerdictExplanation,
    string? LatestFiscalLabel,
    List<SignpostItem> Signposts,
    List<QuarterFact> Quarters,
    List<TrancheRow> Tranches,
    List<ContractFact> Contracts,
    List<TargetMarker> Targets,
    List<MarginPoint> Margin);

/// <summary>Reads a company's evaluation and facts for the company page.</summary>
public sealed class CompanyPageService(
    SignpostService signposts,
    CompanyFactsService facts,
    IDbContextFactory<MinerPivotDbContext> dbFactory)
{
    /// <summary>At most this many BTC closes go to the margin chart (about weekly over its three years); longer windows are thinned evenly.</summary>
    public const int MaxMarginPoints = 200;

    /// <summary>The margin chart looks back at most this many days from the as-of date.</summary>
    public const int MarginWindowDays = 3 * 365;

    public async Task<CompanyPageView?> LoadAsync(string ticker, DateOnly asOf, CancellationToken ct = default)
    {
        // Each read uses its own context, so they run side by side.
        var evaluating = signposts.EvaluateAsync(ticker, asOf, ct);
        var readingQuarters = facts.GetQuartersAsync(ticker, asOf, ct);
        var readingTranches = facts.GetTranchesAsync(ticker, asOf, ct);
        var readingContracts = facts.GetContractsAsync(ticker, asOf, ct);
        var readingPrices = LoadPricesAsync(asOf, ct);
        await Task.WhenAll(evaluating, readingQuarters, readingTranches, readingContracts, readingPrices);
        if (await evaluating is not { } evaluated)
        {
            return null;
        }
        var quarters = await readingQuarters ?? [];
        var tranches = await readingTranches ?? [];
        var contracts = await readingContracts ?? [];
        var evaluation = evaluated.Evaluation;

        var slips = evaluation.Tranches.ToDictionary(t => t.TrancheCode, StringComparer.Ordinal);
        var trancheRows = tranches.Select(t =>
        {
            slips.TryGetValue(t.Tranche, out var slip);
            return new TrancheRow(t.Tranche, t.Site, t.Contract, t.Customer, t.CriticalItMw, t.Status, t.BaselineRfs, t.CurrentRfs,
                t.ActualRfs, slip?.SlipDays, slip?.Overdue ?? false, slip?.Severity, slip?.RevenueAtRiskUsd, t.Source, [.. t.Revisions]);
        }).ToList();

        var targets = evaluation.WithKey(SignpostKeys.BillableMwTarget)
            .Where(e => e.Details.GetValueOrDefault("deadline") is DateOnly && e.Target is not null)
            .Select(e => new TargetMarker((DateOnly)e.Details["deadline"]!, e.Target!.Value, e.Status, e.Explanation))
            .ToList();

        var margin = MarginPoints(await readingPrices, quarters);

        return new CompanyPageView(
            evaluated.Ticker, evaluated.Name, asOf, evaluation.Verdict, evaluation.VerdictExplanation, evaluated.LatestFiscalLabel,
            evaluation.Signposts.Select(s => new SignpostItem(s.Key, s.Kind, s.Subject, s.Status, s.Value, s.Target, s.Unit, s.Explanation,
                [.. s.Sources])).ToList(),
            [.. quarters], trancheRows, [.. contracts], targets, margin);
    }

    /// <summary>BTC closes of the margin chart's window (at most <see cref="MarginWindowDays"/> back) and the industry cost series.</summary>
    private async Task<(List<BtcClose> Prices, List<BtcClose> Industry)> LoadPricesAsync(DateOnly asOf, CancellationToken ct)
    {
        var thresholds = signposts.Thresholds;
        var start = asOf.AddDays(-MarginWindowDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var prices = await db.BtcPrices.AsNoTracking()
            .Where(p => p.Date >= start && p.Date <= asOf)
            .OrderBy(p => p.Date)
            .Select(p => new BtcClose(p.Date, p.CloseUsd))
            .ToListAsync(ct);
        var industry = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.Series == thresholds.IndustryCashCostSeries && v.Date <= asOf)
            .OrderBy(v => v.Date)
            .Select(v => new BtcClose(v.Date, v.Value))
            .ToListAsync(ct);
        return (prices, industry);
    }

    private sealed record BtcClose(DateOnly Date, decimal Value);

    /// <summary>
    /// BTC closes from a quarter before the first quarter (within the window) with the cash cost per BTC the
    /// mining_margin signpost would use that day: the latest quarter known by then that reports one, if it ended within
    /// the configured age, else the public-miner average.
    /// </summary>
    private List<MarginPoint> MarginPoints((List<BtcClose> Prices, List<BtcClose> Industry) market, IReadOnlyList<QuarterFact> quarters)
    {
        var thresholds = signposts.Thresholds;
        var prices = quarters.Count > 0
            ? market.Prices.Where(p => p.Date >= quarters[0].PeriodEnd.AddDays(-92)).ToList()
            : market.Prices.Where(p => p.Date >= (market.Prices.Count > 0 ? market.Prices[^1].Date.AddDays(-2 * 365) : DateOnly.MinValue)).ToList();
        var costs = quarters.Where(q => q.CashCostPerBtcUsd is not null).OrderBy(q => q.ReportedOn).ThenBy(q => q.PeriodEnd).ToList();
        var step = Math.Max(1, (int)Math.Ceiling(prices.Count / (double)MaxMarginPoints));
        var points = new List<MarginPoint>(prices.Count / step + 1);
        for (var i = 0; i < prices.Count; i++)
        {
            if (i % step != 0 && i != prices.Count - 1)
            {
                continue;
            }
            var day = prices[i].Date;
            var company = costs.Where(q => q.ReportedOn <= day).MaxBy(q => q.PeriodEnd);
            if (company is not null && day.DayNumber - company.PeriodEnd.DayNumber <= thresholds.CompanyCostMaxAgeDays)
            {
                points.Add(new MarginPoint(day, prices[i].Value, company.CashCostPerBtcUsd, "company"));
                continue;
            }
            var average = market.Industry.LastOrDefault(v => v.Date <= day);
            points.Add(new MarginPoint(day, prices[i].Value, average?.Value, average is null ? null : "industry_average"));
        }
        return points;
    }
}

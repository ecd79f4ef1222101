using Microsoft.Extensions.Options;
using MinerPivot.Core.Signposts;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>One RFS revision as the slippage page lists it.</summary>
public sealed record RevisionRow(DateOnly AnnouncedOn, DateOnly RfsDate, int? DaysVsBaseline, string Source, string? Note);

/// <summary>One tranche with its slip as of a date.</summary>
public sealed record SlippageRow(
    string Ticker,
    string Company,
    string Site,
    string Tranche,
    string Customer,
    string? Contract,
    decimal Mw,
    DateOnly? BaselineRfs,
    DateOnly? CurrentRfs,
    DateOnly? ActualRfs,
    int? SlipDays,
    bool Overdue,
    int DaysOverdue,
    string Severity,
    decimal? RevenueAtRiskUsd,
    List<RevisionRow> Revisions)
{
    public bool Delivered => ActualRfs is not null;

    /// <summary>Days that rank the row: slip plus days past the current RFS.</summary>
    public int RankDays => (SlipDays ?? 0) + DaysOverdue;

    /// <summary>Revenue at risk counts only while undelivered (a delivered tranche's delay is revenue already lost).</summary>
    public decimal AtRiskUsd => Delivered ? 0m : RevenueAtRiskUsd ?? 0m;
}

public sealed record SlippageView(DateOnly AsOf, List<SlippageRow> Rows);

/// <summary>Every known, non-cancelled tranche of every company with its slip, severity and revenue at risk as of a date.</summary>
public sealed class SlippageService(SignpostService signposts, SignpostEngine engine, EvaluationFailures failures)
{

    public DateOnly Today => signposts.Today;

    public async Task<SlippageView> ListAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        var date = asOf ?? signposts.Today;
        var facts = await signposts.LoadAllFactsAsync(ct);
        var market = await signposts.GetMarketFactsAsync(ct);
        var rows = new List<SlippageRow>();
        foreach (var company in facts)
        {
            var evaluation = failures.Observe(engine.Evaluate(company, market, date));
            var tranches = company.Tranches.ToDictionary(t => t.Code, StringComparer.Ordinal);
            foreach (var t in evaluation.Tranches)
            {
                var tranche = tranches[t.TrancheCode];
                var revisions = tranche.Revisions
                    .Where(r => r.AnnouncedOn <= date)
                    .OrderBy(r => r.AnnouncedOn).ThenBy(r => r.RfsDate)
                    .Select(r => new RevisionRow(r.AnnouncedOn, r.RfsDate,
                        t.BaselineRfs is { } b ? r.RfsDate.DayNumber - b.DayNumber : null, r.Source, r.Note))
                    .ToList();
                rows.Add(new SlippageRow(evaluation.Ticker, company.Company.Name, t.SiteName, t.TrancheCode, tranche.Customer, t.ContractCode,
                    t.Mw, t.BaselineRfs, t.CurrentRfs, t.ActualRfs, t.SlipDays, t.Overdue, t.DaysOverdue, t.Severity.ToWire(),
                    t.RevenueAtRiskUsd, revisions));
            }
        }
        return new SlippageView(date, rows);
    }
}

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
public sealed class SlippageService(SignpostService signposts)
{

    public DateOnly Today => signposts.Today;

    /// <remarks>A company whose evaluation failed lists no rows (its page shows why).</remarks>
    public async Task<SlippageView> ListAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        var date = asOf ?? signposts.Today;
        var rows = new List<SlippageRow>();
        foreach (var company in await signposts.EvaluateAllAsync(date, ct))
        {
            var snapshot = company.Snapshot;
            if (snapshot.Verdict == Verdict.Error) continue;
            foreach (var t in snapshot.Tranches)
            {
                if (t.Cancelled) continue;
                var revisions = t.Revisions
                    .Select(r => new RevisionRow(r.AnnouncedOn, r.RfsDate, r.DaysVsBaseline, r.Source, r.Note))
                    .ToList();
                rows.Add(new SlippageRow(snapshot.Ticker, snapshot.Name, t.Site, t.Code, t.Customer, t.Contract,
                    t.Mw, t.BaselineRfs, t.CurrentRfs, t.ActualRfs, t.SlipDays, t.Overdue, t.DaysOverdue, (t.Severity ?? SlipSeverity.None).ToWire(),
                    t.RevenueAtRiskUsd, revisions));
            }
        }
        return new SlippageView(date, rows);
    }
}

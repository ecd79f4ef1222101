using MinerPivot.Core.Signposts;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>One tranche of a company with its slip as of a date, as the engine's snapshot gives it.</summary>
public sealed record SlippageRow(string Ticker, string Company, TrancheSnapshot Tranche)
{
    public bool Delivered => Tranche.Delivered;

    /// <summary>The severity word (none, minor, major, critical).</summary>
    public string Severity => (Tranche.Severity ?? SlipSeverity.None).ToWire();

    /// <summary>Days that rank the row: slip plus days past the current RFS.</summary>
    public int RankDays => (Tranche.SlipDays ?? 0) + Tranche.DaysOverdue;

    /// <summary>Revenue at risk counts only while undelivered (a delivered tranche's delay is revenue already lost).</summary>
    public decimal AtRiskUsd => Delivered ? 0m : Tranche.RevenueAtRiskUsd ?? 0m;
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
            rows.AddRange(snapshot.Tranches.Where(t => !t.Cancelled).Select(t => new SlippageRow(snapshot.Ticker, snapshot.Name, t)));
        }
        return new SlippageView(date, rows);
    }
}

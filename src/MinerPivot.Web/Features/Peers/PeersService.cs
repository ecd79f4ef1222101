using Microsoft.EntityFrameworkCore;
using MinerPivot.Core.Signposts;
using MinerPivot.Core.Text;
using MinerPivot.Data;
using MinerPivot.Web.Features.Signposts;

namespace MinerPivot.Web.Features.Peers;

/// <summary>A company's reported quarter placed on the calendar quarter of its period end.</summary>
public sealed record PeerQuarter(string CalendarQuarter, DateOnly PeriodEnd, string FiscalLabel, decimal? ColocationRevenueUsd, decimal? BillableMw);

/// <summary>One compared company: its quarters and the latest signpost figures.</summary>
public sealed record PeerCompany(
    string Ticker,
    string Name,
    Verdict Verdict,
    List<PeerQuarter> Quarters,
    decimal? UsdPerMwYear,
    SignpostStatus UsdPerMwYearStatus,
    decimal? SlipDays,
    SignpostStatus SlipStatus,
    decimal? MarginPct,
    SignpostStatus MarginStatus);

/// <summary>A ticker the user may pick.</summary>
public sealed record PeerChoice(string Ticker, string Name);

/// <summary>The peers page as known on <paramref name="AsOf"/>.</summary>
public sealed record PeersView(DateOnly AsOf, List<PeerChoice> Choices, List<PeerCompany> Companies, List<string> UnknownTickers);

/// <summary>Puts chosen companies side by side on the same calendar quarters.</summary>
public sealed class PeersService(SignpostService signposts, IDbContextFactory<MinerPivotDbContext> dbFactory)
{
    /// <summary>At most this many companies are compared at once.</summary>
    public const int MaxCompanies = 8;

    /// <summary>Without a choice, this many companies with the most recent colocation revenue are compared.</summary>
    public const int DefaultCount = 4;

    public async Task<PeersView> LoadAsync(IReadOnlyList<string> requested, DateOnly asOf, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var choices = await db.Companies.AsNoTracking().OrderBy(c => c.Ticker).Select(c => new PeerChoice(c.Ticker, c.Name)).ToListAsync(ct);
        var known = choices.Select(c => c.Ticker).ToHashSet(StringComparer.Ordinal);

        var wanted = requested.Select(SignpostService.NormalizeTicker).OfType<string>().Distinct().ToList();
        var unknown = wanted.Where(t => !known.Contains(t)).ToList();
        var tickers = wanted.Where(known.Contains).Take(MaxCompanies).ToList();
        if (tickers.Count == 0 && requested.Count == 0)
        {
            tickers = await db.QuarterlyFigures.AsNoTracking()
                .Where(q => q.ReportedOn <= asOf && q.ColocationRevenueUsd != null)
                .GroupBy(q => q.Company!.Ticker)
                .Select(g => new { Ticker = g.Key, Latest = g.Max(q => q.PeriodEnd) })
                .OrderByDescending(x => x.Latest).ThenBy(x => x.Ticker)
                .Take(DefaultCount)
                .Select(x => x.Ticker)
                .ToListAsync(ct);
            tickers.Sort(StringComparer.Ordinal);
        }

        var companies = new List<PeerCompany>(tickers.Count);
        foreach (var ticker in tickers)
        {
            var evaluated = await signposts.EvaluateAsync(ticker, asOf, ct);
            if (evaluated is null)
            {
                continue;
            }
            var e = evaluated.Evaluation;
            var visibility = e.Find(SignpostKeys.RevenueVisibility);
            var slip = e.Find(SignpostKeys.RfsSlippage);
            var margin = e.Find(SignpostKeys.MiningMargin);
            companies.Add(new PeerCompany(
                evaluated.Ticker, evaluated.Name, e.Verdict,
                evaluated.Snapshot.Quarters
                    .Select(q => new PeerQuarter(Figures.CalendarQuarter(q.PeriodEnd), q.PeriodEnd, q.FiscalLabel, q.ColocationRevenueUsd, q.BillableMw))
                    .ToList(),
                visibility?.Value, visibility?.Status ?? SignpostStatus.NoData,
                slip?.Value, slip?.Status ?? SignpostStatus.NoData,
                margin?.Value, margin?.Status ?? SignpostStatus.NoData));
        }
        return new PeersView(asOf, choices, companies, unknown);
    }

    /// <summary>Tickers from ?tickers=A,B,C (also repeated ?tickers=A&amp;tickers=B).</summary>
    public static List<string> ParseTickers(IEnumerable<string?>? values) =>
        (values ?? []).SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(t => t.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
}

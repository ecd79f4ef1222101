using Microsoft.EntityFrameworkCore;
using MinerPivot.Data;

namespace MinerPivot.Web.Features.Market;

/// <summary>A dated value of a series with its source.</summary>
public sealed record SeriesPoint(DateOnly Date, decimal Value, string Source);

/// <summary>One indicator series as known on the as-of date.</summary>
public sealed record IndicatorSeries(string Series, string Unit, string Group, List<SeriesPoint> Points);

/// <summary>The market context page: BTC closes and the indicator series, up to <paramref name="AsOf"/>.</summary>
public sealed record MarketView(DateOnly AsOf, List<SeriesPoint> Btc, string? BtcSource, List<IndicatorSeries> Indicators);

/// <summary>Reads the series that frame the thesis.</summary>
public sealed class MarketService(IDbContextFactory<MinerPivotDbContext> dbFactory)
{
    public const string MinersEtf = "Miners ETF";
    public const string CostPerBtc = "Cost to produce a bitcoin";
    public const string Memory = "Memory prices";
    public const string Semiconductors = "Semiconductors";
    public const string Other = "Other indicators";

    /// <summary>The chart groups in page order.</summary>
    public static IReadOnlyList<string> Groups { get; } = [MinersEtf, CostPerBtc, Memory, Semiconductors, Other];

    /// <summary>At most this many BTC closes go to the chart; longer histories are thinned evenly (the latest close is kept).</summary>
    public const int MaxBtcPoints = 600;

    public async Task<MarketView> LoadAsync(DateOnly asOf, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var prices = await db.BtcPrices.AsNoTracking().Where(p => p.Date <= asOf).OrderBy(p => p.Date)
            .Select(p => new SeriesPoint(p.Date, p.CloseUsd, p.Source)).ToListAsync(ct);
        var values = await db.IndicatorValues.AsNoTracking().Where(v => v.Date <= asOf).OrderBy(v => v.Series).ThenBy(v => v.Date)
            .Select(v => new { v.Series, v.Unit, v.Date, v.Value, v.Source }).ToListAsync(ct);

        var step = Math.Max(1, (int)Math.Ceiling(prices.Count / (double)MaxBtcPoints));
        var btc = prices.Where((_, i) => i % step == 0 || i == prices.Count - 1).Select(p => p with { Source = "" }).ToList();
        var indicators = values.GroupBy(v => v.Series, StringComparer.OrdinalIgnoreCase)
            .Select(g => new IndicatorSeries(g.Key, g.Last().Unit, GroupOf(g.Key), g.Select(v => new SeriesPoint(v.Date, v.Value, v.Source)).ToList()))
            .ToList();
        return new MarketView(asOf, btc, prices.Count > 0 ? prices[^1].Source : null, indicators);
    }

    /// <summary>Which chart a series belongs on, by its name.</summary>
    public static string GroupOf(string series)
    {
        var s = series.ToLowerInvariant();
        if (s.Contains("wgmi") || s.Contains("etf")) return MinersEtf;
        if (s.Contains("dram") || s.Contains("hbm") || s.Contains("nand") || s.Contains("memory")) return Memory;
        if (s.Contains("semi") || s.Contains("chip")) return Semiconductors;
        if (s.Contains("per_btc") || s.Contains("production_cost")) return CostPerBtc;
        return Other;
    }
}

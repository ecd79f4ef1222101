using MinerPivot.Core.Domain;

namespace MinerPivot.Core.Signposts;

/// <summary>A dated value of a market series (a BTC close or an indicator value).</summary>
public readonly record struct MarketPoint(DateOnly Date, decimal Value, string Source);

/// <summary>
/// BTC closes and indicator series, sorted once so that "the latest value on or before D" is a binary search.
/// Build one per evaluation run and share it across companies; it is immutable and thread-safe.
/// Two values with the same date (which the natural keys forbid) keep the one given last.
/// </summary>
public sealed class MarketFacts
{
    private static readonly TimeSeries NoValues = new([], [], []);

    private readonly TimeSeries _btc;
    private readonly Dictionary<string, TimeSeries> _indicators;

    public MarketFacts(IEnumerable<BtcPrice> btcPrices, IEnumerable<IndicatorValue> indicators)
    {
        ArgumentNullException.ThrowIfNull(btcPrices);
        ArgumentNullException.ThrowIfNull(indicators);
        _btc = TimeSeries.Build(btcPrices.Select(p => new MarketPoint(p.Date, p.CloseUsd, p.Source)).ToList());
        _indicators = new Dictionary<string, TimeSeries>(StringComparer.OrdinalIgnoreCase);
        var bySeries = new Dictionary<string, List<MarketPoint>>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in indicators)
        {
            if (!bySeries.TryGetValue(value.Series, out var list))
            {
                bySeries[value.Series] = list = [];
            }
            list.Add(new MarketPoint(value.Date, value.Value, value.Source));
        }
        foreach (var (series, points) in bySeries)
        {
            _indicators[series] = TimeSeries.Build(points);
        }
    }

    /// <summary>No prices, no indicators.</summary>
    public static MarketFacts Empty { get; } = new([], []);

    /// <summary>The indicator series present (case-insensitive names).</summary>
    public IReadOnlyCollection<string> SeriesNames => _indicators.Keys;

    /// <summary>The latest BTC close dated on or before <paramref name="onOrBefore"/>, or null.</summary>
    public MarketPoint? LatestBtcClose(DateOnly onOrBefore) => _btc.Latest(onOrBefore);

    /// <summary>The latest value of <paramref name="series"/> dated on or before <paramref name="onOrBefore"/>, or null.</summary>
    public MarketPoint? LatestIndicator(string series, DateOnly onOrBefore) =>
        (_indicators.GetValueOrDefault(series) ?? NoValues).Latest(onOrBefore);

    /// <summary>The BTC closes dated from <paramref name="from"/> to <paramref name="to"/> (both inclusive), by date.</summary>
    public IReadOnlyList<MarketPoint> BtcCloses(DateOnly from, DateOnly to) => _btc.Between(from, to);

    private sealed class TimeSeries(int[] days, decimal[] values, string[] sources)
    {
        public IReadOnlyList<MarketPoint> Between(DateOnly from, DateOnly to)
        {
            var start = Array.BinarySearch(days, from.DayNumber);
            if (start < 0) start = ~start;
            var result = new List<MarketPoint>();
            for (var i = start; i < days.Length && days[i] <= to.DayNumber; i++)
            {
                result.Add(new MarketPoint(DateOnly.FromDayNumber(days[i]), values[i], sources[i]));
            }
            return result;
        }

        public static TimeSeries Build(List<MarketPoint> points)
        {
            // Stable sort by date, then keep the last of equal dates.
            var ordered = points.Select((p, i) => (p, i)).OrderBy(x => x.p.Date).ThenBy(x => x.i).Select(x => x.p).ToList();
            var d = new List<int>(ordered.Count);
            var v = new List<decimal>(ordered.Count);
            var s = new List<string>(ordered.Count);
            foreach (var p in ordered)
            {
                var day = p.Date.DayNumber;
                if (d.Count > 0 && d[^1] == day)
                {
                    v[^1] = p.Value;
                    s[^1] = p.Source;
                    continue;
                }
                d.Add(day);
                v.Add(p.Value);
                s.Add(p.Source);
            }
            return new TimeSeries([.. d], [.. v], [.. s]);
        }

        public MarketPoint? Latest(DateOnly onOrBefore)
        {
            var i = Array.BinarySearch(days, onOrBefore.DayNumber);
            if (i < 0) i = ~i - 1;
            return i < 0 ? null : new MarketPoint(DateOnly.FromDayNumber(days[i]), values[i], sources[i]);
        }
    }
}

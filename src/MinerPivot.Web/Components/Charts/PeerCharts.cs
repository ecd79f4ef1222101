using MinerPivot.Web.Components.Shared;
using MinerPivot.Web.Features.Market;
using MinerPivot.Web.Features.Peers;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using static MinerPivot.Web.Components.Charts.ChartStyle;

namespace MinerPivot.Web.Components.Charts;

/// <summary>Charts comparing companies on calendar quarters (fiscal labels in the tooltips).</summary>
public static class PeerCharts
{
    public static ChartFigure? ColocationRevenue(PeersView view) => ByQuarter(view, "chart-peers-colocation", "colocation-revenue",
        q => q.ColocationRevenueUsd, bars: true, "USD per quarter", "$", v => Format.Money(v));

    public static ChartFigure? BillableMw(PeersView view) => ByQuarter(view, "chart-peers-billable", "billable-mw",
        q => q.BillableMw, bars: false, "billable MW (critical IT)", "", v => Format.Mw(v));

    private static ChartFigure? ByQuarter(PeersView view, string id, string file, Func<PeerQuarter, decimal?> value, bool bars,
        string axis, string prefix, Func<decimal?, string> text)
    {
        var data = new List<ITrace>();
        var quarters = view.Companies.SelectMany(c => c.Quarters).Where(q => value(q) is not null)
            .Select(q => q.CalendarQuarter).Distinct().Order(StringComparer.Ordinal).Cast<object>().ToList();
        for (var i = 0; i < view.Companies.Count; i++)
        {
            var company = view.Companies[i];
            var points = company.Quarters.Where(q => value(q) is not null).ToList();
            if (points.Count == 0)
            {
                continue;
            }
            var color = Palette[i % Palette.Length];
            var x = points.Select(q => (object)q.CalendarQuarter).ToList();
            var y = points.Select(q => (object)value(q)!.Value).ToList();
            var custom = points.Select(q => (object)$"{company.Ticker} {q.FiscalLabel} (period end {Format.Iso(q.PeriodEnd)}): {text(value(q))}").ToList();
            const string hover = "%{customdata}<extra></extra>";
            data.Add(bars
                ? new Bar { Name = company.Ticker, X = x, Y = y, CustomData = custom, HoverTemplate = hover, Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = color } }
                : new Scatter
                {
                    Name = company.Ticker, X = x, Y = y, CustomData = custom, HoverTemplate = hover,
                    Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                    Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = color, Width = 2 },
                    Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = color, Size = 7 },
                });
        }
        if (data.Count == 0)
        {
            return null;
        }
        var layout = ChartStyle.Layout(360);
        layout.BarMode = BarModeEnum.Group;
        layout.XAxis = [new XAxis
        {
            Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, Title = XTitle("calendar quarter of period end"),
            CategoryOrder = Plotly.Blazor.LayoutLib.XAxisLib.CategoryOrderEnum.Array, CategoryArray = quarters,
        }];
        layout.YAxis = [new YAxis { Title = YTitle(axis), TickPrefix = prefix, TickFormat = "~s", RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero }];
        return new ChartFigure(id, data, layout, Config($"peers-{file}-{Format.Iso(view.AsOf)}"));
    }
}

/// <summary>Market context charts: BTC closes and indicator series by group.</summary>
public static class MarketCharts
{
    /// <summary>A title as a lower-case id fragment: "Miners ETF" → "miners-etf".</summary>
    public static string Slug(string title)
    {
        var chars = title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }

    public static ChartFigure? Btc(MarketView view)
    {
        if (view.Btc.Count == 0)
        {
            return null;
        }
        var data = new List<ITrace>
        {
            new Scatter
            {
                Name = "BTC close",
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
                X = view.Btc.Select(p => (object)Format.Iso(p.Date)).ToList(),
                Y = view.Btc.Select(p => (object)p.Value).ToList(),
                HoverTemplate = "%{x|%Y-%m-%d}: $%{y:,.0f}<extra></extra>",
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = Ink, Width = 1.5m },
            },
        };
        var layout = ChartStyle.Layout(340, legend: false);
        layout.XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, TickFormat = "%Y-%m" }];
        layout.YAxis = [new YAxis { TickPrefix = "$", TickFormat = "~s", Title = YTitle("USD per BTC") }];
        return new ChartFigure("chart-btc", data, layout, Config($"btc-close-{Format.Iso(view.AsOf)}"));
    }

    /// <summary>The series of one group in one unit (a group whose series differ in unit gets a chart per unit).</summary>
    public static ChartFigure? Group(MarketView view, string group, string unit, string title)
    {
        var series = view.Indicators.Where(s => s.Group == group && s.Unit == unit).ToList();
        if (series.Count == 0)
        {
            return null;
        }
        var data = new List<ITrace>();
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = Palette[i % Palette.Length];
            data.Add(new Scatter
            {
                Name = s.Series,
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                X = s.Points.Select(p => (object)Format.Iso(p.Date)).ToList(),
                Y = s.Points.Select(p => (object)p.Value).ToList(),
                HoverTemplate = $"{s.Series}<br>%{{x|%Y-%m-%d}}: %{{y:,.2f}} {s.Unit}<extra></extra>",
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = color, Width = 2 },
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = color, Size = 8 },
            });
        }
        var layout = ChartStyle.Layout(320);
        // Plotly picks the date ticks' format: a fixed "%Y-%m" repeats labels when the series span only weeks.
        layout.XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date }];
        layout.YAxis = [new YAxis { Title = YTitle(unit), TickFormat = "~s" }];
        var slug = Slug(title);
        return new ChartFigure("chart-" + slug, data, layout, Config($"{slug}-{Format.Iso(view.AsOf)}"));
    }
}

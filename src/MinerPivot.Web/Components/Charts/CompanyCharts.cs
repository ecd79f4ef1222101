using System.Globalization;
using MinerPivot.Core.Signposts;
using MinerPivot.Web.Components.Shared;
using MinerPivot.Web.Features.Companies;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using static MinerPivot.Web.Components.Charts.ChartStyle;

namespace MinerPivot.Web.Components.Charts;

/// <summary>The company page's charts, built from its view; null when there is nothing to draw (the page shows an empty state).</summary>
public static class CompanyCharts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>How many of the latest quarters carry a QoQ/YoY label above their bar.</summary>
    public const int AnnotatedQuarters = 4;

    /// <summary>Colocation vs mining revenue by quarter (bars), with QoQ/YoY of colocation revenue above each bar.</summary>
    public static ChartFigure? Revenue(CompanyPageView view)
    {
        var quarters = view.Quarters.Where(q => q.ColocationRevenueUsd is not null || q.MiningRevenueUsd is not null).ToList();
        if (quarters.Count == 0)
        {
            return null;
        }
        var labels = quarters.Select(q => (object)q.FiscalLabel).ToList();
        var hover = quarters.Select(q => $"{q.FiscalLabel} (period end {Format.Iso(q.PeriodEnd)})").ToList();
        var data = new List<ITrace>();
        if (quarters.Any(q => q.ColocationRevenueUsd is not null))
        {
            data.Add(new Bar
            {
                Name = "Colocation revenue",
                X = labels,
                Y = quarters.Select(q => (object?)q.ColocationRevenueUsd).ToList()!,
                TextArray = quarters.Select(q => Format.Money(q.ColocationRevenueUsd)).ToList(),
                CustomData = hover.Cast<object>().ToList(),
                HoverTemplate = "%{customdata}<br>Colocation revenue %{text}<extra></extra>",
                TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.None,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = Accent },
            });
        }
        if (quarters.Any(q => q.MiningRevenueUsd is not null))
        {
            data.Add(new Bar
            {
                Name = "Mining revenue",
                X = labels,
                Y = quarters.Select(q => (object?)q.MiningRevenueUsd).ToList()!,
                TextArray = quarters.Select(q => Format.Money(q.MiningRevenueUsd)).ToList(),
                CustomData = hover.Cast<object>().ToList(),
                HoverTemplate = "%{customdata}<br>Mining revenue %{text}<extra></extra>",
                TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.None,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#8da0b3" },
            });
        }

        // QoQ/YoY (the engine's figures) above the bars of the latest quarters (more would overlap on a phone); every quarter's in its tooltip.
        var annotations = new List<Annotation>();
        var withColo = view.Quarters.Where(q => q.ColocationRevenueUsd is not null).ToList();
        for (var i = 1; i < withColo.Count; i++)
        {
            var q = withColo[i];
            var lines = new List<string>();
            if (q.ColocationQoqPct is { } qoq)
            {
                lines.Add("QoQ " + Format.Percent(qoq));
            }
            if (q.ColocationYoyPct is { } yoy)
            {
                lines.Add("YoY " + Format.Percent(yoy));
            }
            if (lines.Count == 0)
            {
                continue;
            }
            var at = quarters.FindIndex(x => x.PeriodEnd == q.PeriodEnd);
            if (at >= 0)
            {
                hover[at] += "<br>" + string.Join(", ", lines);
            }
            if (i >= withColo.Count - AnnotatedQuarters)
            {
                annotations.Add(new Annotation
                {
                    X = q.FiscalLabel,
                    Y = Math.Max(q.ColocationRevenueUsd!.Value, q.MiningRevenueUsd ?? 0),
                    Text = string.Join("<br>", lines),
                    ShowArrow = false,
                    YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom,
                    YShift = 2,
                    Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Size = 10, Color = Ink },
                });
            }
        }
        // The bars' tooltips carry the growth figures too.
        foreach (var bar in data.OfType<Bar>())
        {
            bar.CustomData = hover.Cast<object>().ToList();
        }

        var layout = ChartStyle.Layout(380);
        layout.BarMode = BarModeEnum.Group;
        layout.Annotations = annotations;
        layout.XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True }];
        layout.YAxis = [new YAxis { TickPrefix = "$", TickFormat = "~s", Title = YTitle("USD per quarter"), RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero }];
        return new ChartFigure("chart-revenue", data, layout, Config($"{view.Ticker}-revenue-{Format.Iso(view.AsOf)}"));
    }

    /// <summary>MW funnel over time (steps): gross pipeline (right axis, gross MW) → contracted → energized → billable, targets at their deadlines.</summary>
    public static ChartFigure? MwFunnel(CompanyPageView view)
    {
        var series = new (string Name, Func<QuarterSnapshot, decimal?> Value, string Color, bool Gross)[]
        {
            ("Gross pipeline (gross MW)", q => q.GrossPipelineMw, Muted, true),
            ("Contracted", q => q.ContractedMw, Blue, false),
            ("Energized", q => q.EnergizedMw, Amber, false),
            ("Billable", q => q.BillableMw, Accent, false),
        };
        var data = new List<ITrace>();
        foreach (var (name, value, color, gross) in series)
        {
            var points = view.Quarters.Where(q => value(q) is not null).ToList();
            if (points.Count == 0)
            {
                continue;
            }
            data.Add(new Scatter
            {
                Name = name,
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                X = points.Select(q => (object)Format.Iso(q.PeriodEnd)).ToList(),
                Y = points.Select(q => (object)value(q)!.Value).ToList(),
                CustomData = points.Select(q => (object)q.FiscalLabel).ToList(),
                HoverTemplate = $"{name}<br>%{{customdata}}: %{{y:,.1f}} MW<extra></extra>",
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, Color = color, Width = 2, Dash = gross ? "dot" : null },
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = color, Size = 6 },
                YAxis = gross ? "y2" : null,
            });
        }
        if (view.Targets.Count > 0)
        {
            data.Add(new Scatter
            {
                Name = "Billable MW target",
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                X = view.Targets.Select(t => (object)Format.Iso(t.Deadline)).ToList(),
                Y = view.Targets.Select(t => (object)t.TargetMw).ToList(),
                CustomData = view.Targets.Select(t => (object)StatusBadge.StatusWord(t.Status ?? SignpostStatus.NoData)).ToList(),
                HoverTemplate = "Target %{y:,.0f} billable MW by %{x|%Y-%m-%d} (%{customdata})<extra></extra>",
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker
                {
                    Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Star, Size = 14, Color = Red,
                },
            });
        }
        if (data.Count == 0)
        {
            return null;
        }
        var layout = ChartStyle.Layout(380);
        layout.XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, TickFormat = "%Y-%m" }];
        layout.YAxis =
        [
            new YAxis { Title = YTitle("critical IT MW"), RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero },
            new YAxis
            {
                Title = YTitle("gross MW"), Overlaying = "y", Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right,
                RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero, ShowGrid = false,
            },
        ];
        layout.Margin!.R = 64;
        return new ChartFigure("chart-mw-funnel", data, layout, Config($"{view.Ticker}-mw-funnel-{Format.Iso(view.AsOf)}"));
    }

    /// <summary>
    /// RFS timeline: a bar per tranche from baseline to current RFS (actual once delivered), coloured by slip severity and
    /// labelled with slip days and severity; every revision as a point; actual RFS marked; a line at the as-of date.
    /// </summary>
    public static ChartFigure? RfsTimeline(CompanyPageView view, DateOnly today)
    {
        var tranches = view.Tranches.Where(t => t.BaselineRfs is not null).ToList();
        if (tranches.Count == 0)
        {
            return null;
        }
        var names = tranches.Select(t => (object)t.Tranche).ToList();
        var ends = tranches.Select(t => t.ActualRfs ?? t.CurrentRfs ?? t.BaselineRfs!.Value).ToList();
        var data = new List<ITrace>
        {
            new Bar
            {
                Name = "Baseline → current RFS",
                Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
                Y = names,
                BaseArray = tranches.Select(t => (object)Format.Iso(t.BaselineRfs!.Value)).ToList(),
                X = tranches.Select((t, i) => (object)((ends[i].DayNumber - t.BaselineRfs!.Value.DayNumber) * 86_400_000L)).ToList(),
                TextArray = tranches.Select(t => SlipLabel(t)).ToList(),
                TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.Outside,
                CustomData = tranches.Select((t, i) => (object)$"{t.Tranche} ({Format.Mw(t.CriticalItMw)}, {t.Site}): baseline {Format.Date(t.BaselineRfs)}, {(t.ActualRfs is null ? "current" : "actual")} {Format.Iso(ends[i])}").ToList(),
                HoverTemplate = "%{customdata}<br>%{text}<extra></extra>",
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { ColorArray = tranches.Select(t => (object)SeverityColor(t.Severity)).ToList() },
                ClipOnAxis = false,
            },
        };
        var revisions = tranches.SelectMany(t => t.Revisions.Select(r => (t.Tranche, r))).ToList();
        data.Add(new Scatter
        {
            Name = "RFS revisions",
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            X = revisions.Select(x => (object)Format.Iso(x.r.RfsDate)).ToList(),
            Y = revisions.Select(x => (object)x.Tranche).ToList(),
            CustomData = revisions.Select(x => (object)$"announced {Format.Iso(x.r.AnnouncedOn)}: RFS {Format.Iso(x.r.RfsDate)}").ToList(),
            HoverTemplate = "%{y} %{customdata}<extra></extra>",
            Marker = new Plotly.Blazor.Traces.ScatterLib.Marker
            {
                Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.CircleOpen, Size = 10, Color = Ink,
                Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Width = 2 },
            },
        });
        var delivered = tranches.Where(t => t.ActualRfs is not null).ToList();
        if (delivered.Count > 0)
        {
            data.Add(new Scatter
            {
                Name = "Actual RFS",
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                X = delivered.Select(t => (object)Format.Iso(t.ActualRfs!.Value)).ToList(),
                Y = delivered.Select(t => (object)t.Tranche).ToList(),
                HoverTemplate = "%{y} delivered %{x|%Y-%m-%d}<extra></extra>",
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker
                {
                    Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Diamond, Size = 12, Color = Accent,
                    Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Width = 1, Color = "#ffffff" },
                },
            });
        }

        var asOf = Format.Iso(view.AsOf);
        var layout = ChartStyle.Layout(Math.Max(220, 90 + 44 * tranches.Count));
        layout.Margin!.L = 96;
        // Room right of the latest date for the bars' slip labels.
        var first = tranches.SelectMany(t => t.Revisions.Select(r => r.RfsDate)).Append(view.AsOf).Concat(tranches.Select(t => t.BaselineRfs!.Value)).Min();
        var last = tranches.SelectMany(t => t.Revisions.Select(r => r.RfsDate)).Append(view.AsOf).Concat(ends).Max();
        var pad = Math.Max(90, (last.DayNumber - first.DayNumber) / 3);
        layout.XAxis = [new XAxis
        {
            Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, TickFormat = "%Y-%m",
            Range = [Format.Iso(ShiftedWithinCalendar(first, -30)), Format.Iso(ShiftedWithinCalendar(last, pad))],
        }];
        layout.YAxis = [new YAxis
        {
            Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category,
            CategoryOrder = Plotly.Blazor.LayoutLib.YAxisLib.CategoryOrderEnum.Array,
            CategoryArray = names,
            AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed,
            AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
        }];
        layout.Shapes =
        [
            new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, XRef = "x", YRef = "paper", X0 = asOf, X1 = asOf, Y0 = 0, Y1 = 1,
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = Red, Width = 2, Dash = "dash" },
            },
        ];
        layout.Annotations =
        [
            new Annotation
            {
                X = asOf, Y = 1, XRef = "x", YRef = "paper", ShowArrow = false,
                Text = view.AsOf == today ? "today" : "as of " + asOf,
                YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Top,
                XAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Left,
                Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Size = 11, Color = Red },
            },
        ];
        layout.BarMode = BarModeEnum.Overlay;
        return new ChartFigure("chart-rfs-timeline", data, layout, Config($"{view.Ticker}-rfs-timeline-{asOf}"));
    }

    /// <summary>BTC close vs the cash cost per BTC in use that day, the margin between them shaded (green above cost, red below).</summary>
    public static ChartFigure? BtcMargin(CompanyPageView view)
    {
        var points = view.Margin;
        if (points.Count == 0)
        {
            return null;
        }
        var x = points.Select(p => (object)Format.Iso(p.Date)).ToList();
        var data = new List<ITrace>();
        if (points.Any(p => p.CashCostUsd is not null))
        {
            // Where no cost applies the fills collapse onto the price (zero area) instead of leaving gaps that break "tonexty".
            var baseLine = points.Select(p => p.CashCostUsd ?? p.BtcPriceUsd).ToList();
            // "tonexty" fills down to the trace before it, so each fill follows an invisible copy of the cost.
            data.Add(FillTrace("cost (fill base)", x, baseLine, "rgba(0,0,0,0)", false));
            data.Add(FillTrace("Positive margin", x, points.Select((p, i) => Math.Max(p.BtcPriceUsd, baseLine[i])), "rgba(11,110,79,0.22)", true));
            data.Add(FillTrace("cost (fill base)", x, baseLine, "rgba(0,0,0,0)", false));
            data.Add(FillTrace("Negative margin", x, points.Select((p, i) => Math.Min(p.BtcPriceUsd, baseLine[i])), "rgba(176,42,55,0.25)", true));
            data.Add(new Scatter
            {
                Name = "Cash cost per BTC",
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
                X = x,
                Y = points.Select(p => (object?)p.CashCostUsd).ToList()!,
                CustomData = points.Select(p => (object)(p.CostBasis == "company" ? "company cash cost" : "public-miner average")).ToList(),
                HoverTemplate = "%{x|%Y-%m-%d}: cost $%{y:,.0f} (%{customdata})<extra></extra>",
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = Orange, Width = 2, Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv },
                ConnectGaps = false,
            });
        }
        data.Add(new Scatter
        {
            Name = "BTC close",
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            X = x,
            Y = points.Select(p => (object)p.BtcPriceUsd).ToList(),
            HoverTemplate = "%{x|%Y-%m-%d}: BTC $%{y:,.0f}<extra></extra>",
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = Ink, Width = 1.5m },
        });
        var layout = ChartStyle.Layout(360);
        layout.XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, TickFormat = "%Y-%m" }];
        layout.YAxis = [new YAxis { TickPrefix = "$", TickFormat = "~s", Title = YTitle("USD per BTC") }];
        return new ChartFigure("chart-btc-margin", data, layout, Config($"{view.Ticker}-btc-margin-{Format.Iso(view.AsOf)}"));
    }

    private static Scatter FillTrace(string name, IList<object> x, IEnumerable<decimal> y, string color, bool legend) => new()
    {
        Name = name,
        Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
        X = x,
        Y = y.Select(v => (object)v).ToList(),
        Fill = legend ? Plotly.Blazor.Traces.ScatterLib.FillEnum.ToNextY : Plotly.Blazor.Traces.ScatterLib.FillEnum.None,
        FillColor = color,
        Line = new Plotly.Blazor.Traces.ScatterLib.Line { Width = 0, Color = color, Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv },
        ShowLegend = legend,
        HoverInfo = Plotly.Blazor.Traces.ScatterLib.HoverInfoFlag.Skip,
    };

    private static string SlipLabel(TrancheSnapshot t)
    {
        var days = t.SlipDays is { } d ? Format.Days(d) : "";
        var severity = t.Severity?.ToWire() ?? "";
        var overdue = t.Overdue ? ", overdue" : "";
        var delivered = t.ActualRfs is not null ? ", delivered" : "";
        return $"{days} {severity}{overdue}{delivered}".Trim();
    }

    public static string SeverityColor(SlipSeverity? severity) => severity switch
    {
        SlipSeverity.None => Accent,
        SlipSeverity.Minor => Amber,
        SlipSeverity.Major => Orange,
        SlipSeverity.Critical => Red,
        _ => Muted,
    };

    internal static string Number(decimal value) => value.ToString("0.##", Invariant);

    // Stored dates may sit at the calendar's edge (rows written with SQL before the plausibility bounds, e.g. 9999-12-31);
    // the axis padding must not step past it.
    private static DateOnly ShiftedWithinCalendar(DateOnly date, int days) =>
        DateOnly.FromDayNumber((int)Math.Clamp((long)date.DayNumber + days, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber));
}

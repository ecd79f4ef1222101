using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using PlotlyLayout = Plotly.Blazor.Layout;

namespace MinerPivot.Web.Components.Charts;

/// <summary>A chart ready for <c>PlotlyChart</c>: traces, layout and config (PNG export named after the chart).</summary>
public sealed record ChartFigure(string Id, IList<ITrace> Data, PlotlyLayout Layout, Config Config);

/// <summary>What every chart shares: the look of the app, a mode bar with Plotly's own PNG download, responsive width.</summary>
internal static class ChartStyle
{
    public const string Accent = "#0b6e4f";
    public const string Ink = "#12263a";
    public const string Muted = "#6c757d";
    public const string Blue = "#0a58ca";
    public const string Amber = "#b07d00";
    public const string Red = "#b02a37";
    public const string Orange = "#d9480f";

    /// <summary>A palette for comparing companies (distinct and readable on white).</summary>
    public static readonly string[] Palette = ["#0b6e4f", "#0a58ca", "#b07d00", "#6f42c1", "#d63384", "#12263a", "#d9480f", "#0aa2c0"];

    public static PlotlyLayout Layout(decimal height, bool legend = true) => new()
    {
        Height = height,
        AutoSize = true,
        Margin = new Margin { L = 64, R = 24, T = legend ? 36 : 16, B = 48 },
        Font = new Font { Family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", Size = 12, Color = "#212529" },
        PaperBgColor = "#ffffff",
        PlotBgColor = "#ffffff",
        ShowLegend = legend,
        Legend = legend
            ? [new Legend
            {
                Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H,
                X = 0,
                Y = 1.02m,
                YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom,
            }]
            : null,
        HoverMode = HoverModeEnum.Closest,
    };

    public static Config Config(string fileName) => new()
    {
        Responsive = true,
        DisplayLogo = false,
        // Plotly's "Taking snapshot" toast is white on light translucent grey, below readable contrast.
        DisplayNotifier = false,
        // On hover only: a permanent mode bar covers the legend on narrow screens. Its camera button is Plotly's PNG export.
        DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.Hover,
        ModeBarButtonsToRemove = new[] { "select2d", "lasso2d", "autoScale2d", "toggleSpikelines", "hoverCompareCartesian", "hoverClosestCartesian" },
        ToImageButtonOptions = new Dictionary<string, object> { ["format"] = "png", ["filename"] = fileName, ["scale"] = 2 },
    };

    public static Plotly.Blazor.LayoutLib.XAxisLib.Title XTitle(string text) => new() { Text = text };

    public static Plotly.Blazor.LayoutLib.YAxisLib.Title YTitle(string text) => new() { Text = text };

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

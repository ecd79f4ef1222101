using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MinerPivot.E2E;

/// <summary>A drawn Plotly trace as the browser holds it (gd.data): its name and number of points.</summary>
public sealed class DrawnTrace
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public int Points { get; set; }

    public override string ToString() => $"{Type} \"{Name}\" ({Points} points)";
}

/// <summary>Checks shared by the dashboard's page tests: drawn charts, accessibility, CSV downloads.</summary>
public static class PageChecks
{
    /// <summary>Waits until <paramref name="count"/> Plotly charts are drawn on the page.</summary>
    public static Task WaitForChartsAsync(IPage page, int count) =>
        page.WaitForFunctionAsync(
            "n => [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd._fullLayout && gd.data).length === n",
            count, new PageWaitForFunctionOptions { Timeout = 20_000 });

    /// <summary>
    /// Waits until every drawn chart is as wide as its element: Plotly's responsive mode redraws a while after the
    /// window's resize event, so a screenshot taken before then shows the old width.
    /// </summary>
    public static Task WaitForChartsToFitAsync(IPage page) =>
        page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.js-plotly-plot')].every(gd => gd._fullLayout && Math.abs(gd._fullLayout.width - gd.clientWidth) <= 1)",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });

    /// <summary>The traces of the chart with this element id, read from the browser (gd.data).</summary>
    public static async Task<DrawnTrace[]> TracesAsync(IPage page, string chartId) =>
        await page.EvaluateAsync<DrawnTrace[]>("""
            id => {
              const gd = document.getElementById(id);
              return gd.data.map(t => ({ name: t.name ?? '', type: t.type ?? 'scatter', points: (t.orientation === 'h' ? t.y : t.x)?.length ?? 0 }));
            }
            """, chartId);

    /// <summary>Every layout annotation's text of a chart.</summary>
    public static async Task<string[]> AnnotationsAsync(IPage page, string chartId) =>
        await page.EvaluateAsync<string[]>("id => (document.getElementById(id).layout.annotations ?? []).map(a => a.text)", chartId);

    /// <summary>axe-core's serious and critical violations on the page, one line each (empty when none).</summary>
    public static async Task<List<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target?.ToString() + " " + n.Html))}")
            .ToList();
    }

    /// <summary>Fails with every serious or critical axe violation listed.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}:\n" + string.Join("\n", violations));
    }

    /// <summary>Clicks a CSV export link and returns the downloaded file's lines (without the trailing empty line) and its name.</summary>
    public static async Task<(string FileName, string[] Lines)> DownloadCsvAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path);
        return (download.SuggestedFilename, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Saves desktop/narrow screenshots and fails on sideways scrolling at the narrow width.</summary>
    public static async Task ScreenshotBothWidthsAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1400, 900);
        await WaitForChartsToFitAsync(page);
        await Screenshots.SaveAsync(page, name + "-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await WaitForChartsToFitAsync(page);
        await Screenshots.SaveAsync(page, name + "-narrow");
        await Screenshots.AssertNoHorizontalOverflowAsync(page);
        await page.SetViewportSizeAsync(1400, 900);
    }
}

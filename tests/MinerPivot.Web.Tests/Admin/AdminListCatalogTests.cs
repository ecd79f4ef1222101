using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MinerPivot.Core.Import;
using MinerPivot.TestSupport;
using MinerPivot.Web.Components.Admin;
using MinerPivot.Web.Features.Admin;

namespace MinerPivot.Web.Tests.Admin;

/// <summary>The list pages are drawn from the catalog: every column of every listed kind is a column of its page, and sorts.</summary>
public class AdminListCatalogTests(MinerPivotDemoApp app) : IClassFixture<MinerPivotDemoApp>
{
    public static TheoryData<string> ListedKinds() => [.. AdminKinds.Listed.Select(k => k.Slug)];

    [Theory]
    [MemberData(nameof(ListedKinds))]
    public async Task Every_catalog_column_is_a_column_of_the_list_page_and_sorts_it_both_ways(string slug)
    {
        var kind = AdminKinds.Listed.Single(k => k.Slug == slug);
        var admin = await app.CookieClientAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword);
        var lists = app.Services.GetRequiredService<FactLists>();
        foreach (var column in kind.Fact.Columns)
        {
            foreach (var desc in new[] { false, true })
            {
                var address = $"/admin/{slug}?sort={column.Name}" + (desc ? "&desc=true" : "");
                var html = await admin.GetStringAsync(address);

                // The header is the catalog's label, marked as the sorted column in the chosen direction.
                var header = Regex.Match(html, $"""<th\b([^>]*\bdata-column="{column.Name}"[^>]*)>\s*<a class="sort-link" href="([^"]*)">([^<]*)<""");
                Assert.True(header.Success, $"{address}: no sortable header for {column.Name}");
                Assert.Contains($"aria-sort=\"{(desc ? "descending" : "ascending")}\"", header.Groups[1].Value);
                Assert.Equal(column.Label, WebUtility.HtmlDecode(header.Groups[3].Value));

                // The page shows the list's rows in the list's order, each cell as the column's type formats it…
                var page = (await lists.ListAsync(kind, new ListQuery(Sort: column.Name, Desc: desc))).Items;
                Assert.NotEmpty(page);
                var cells = Regex.Matches(html[html.IndexOf("<tbody", StringComparison.Ordinal)..], $"""<t[dh]\b[^>]*\bdata-column="{column.Name}"[^>]*>(.*?)</t[dh]>""", RegexOptions.Singleline)
                    .Select(m => WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).Trim()).ToList();
                Assert.Equal(page.Select(i => CellText.List(column, column.Get(i.Row))), cells);

                // …and that order is the column's, empty values last either way.
                var values = page.Select(i => column.Get(i.Row)).ToList();
                var filled = values.TakeWhile(v => v is not null).ToList();
                Assert.True(values.Skip(filled.Count).All(v => v is null), $"{address}: an empty {column.Name} before a filled one");
                for (var i = 1; i < filled.Count; i++)
                {
                    var order = Compare(column, filled[i - 1]!, filled[i]!);
                    Assert.True(desc ? order >= 0 : order <= 0, $"{address}: {column.Format(page[i - 1].Row)} before {column.Format(page[i].Row)}");
                }
            }
        }
    }

    /// <summary>As the database orders the stored value: words (enums) and texts by code point (the C.UTF-8 collation), the rest by value.</summary>
    private static int Compare(FactColumn column, object a, object b) => column.Type switch
    {
        WordColumn => string.CompareOrdinal(column.Type.Format(a), column.Type.Format(b)),
        _ when a is string x && b is string y => string.CompareOrdinal(x, y),
        _ => Comparer<object>.Default.Compare(a, b),
    };
}

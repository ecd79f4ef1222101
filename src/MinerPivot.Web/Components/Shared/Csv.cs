using System.Text;

namespace MinerPivot.Web.Components.Shared;

/// <summary>
/// RFC 4180 CSV text for the tables' exports, safe to open in a spreadsheet: a text cell that a spreadsheet would read as
/// a formula (it begins with = + - @, tab or CR) gets a leading apostrophe, OWASP's advice against CSV injection. A number
/// (what the pages write with the invariant culture, negative ones included) stays as it is. The admin export
/// (Data's CsvExporter) is not this: it keeps every value exact for a round trip.
/// </summary>
public static partial class Csv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, header);
        foreach (var row in rows)
        {
            AppendLine(text, row);
        }
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            var cell = Neutralize(cells[i] ?? "");
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
            }
            else
            {
                text.Append(cell);
            }
        }
        text.Append("\r\n");
    }

    public static string Neutralize(string cell) =>
        cell.Length > 0 && (cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r') && !PlainNumber().IsMatch(cell) ? "'" + cell : cell;

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PlainNumber();
}

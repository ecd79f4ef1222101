using System.Text;

namespace MinerPivot.Web.Components.Shared;

/// <summary>RFC 4180 CSV text for table exports.</summary>
public static class Csv
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
            var cell = cells[i] ?? "";
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
}

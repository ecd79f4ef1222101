using System.Text;

namespace MinerPivot.Data.Import;

/// <summary>PostgreSQL's COPY text format, shared by the importer and the COPY floor of the import benchmark.</summary>
public static class CopyTextFormat
{
    /// <summary>A field of COPY's text format: \N for NULL; backslash, tab, newline and carriage return escaped.</summary>
    public static void AppendField(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("\\N");
            return;
        }
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '\t' => text.Append("\\t"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                _ => text.Append(c),
            };
        }
    }
}

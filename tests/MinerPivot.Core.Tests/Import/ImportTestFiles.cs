using System.Text;
using MinerPivot.Core.Import;

namespace MinerPivot.Core.Tests.Import;

internal static class ImportTestFiles
{
    public static ImportFile File(string name, string content) => new(name, new MemoryStream(Encoding.UTF8.GetBytes(content)));

    public static Task<ImportBatch> Read(params (string Name, string Content)[] files) =>
        ImportReader.ReadAsync(files.Select(f => File(f.Name, f.Content)));

    public static async Task<ImportBatch> Validate(KnownKeys known, params (string Name, string Content)[] files) =>
        await ImportValidator.ValidateAsync(files.Select(f => File(f.Name, f.Content)), known);

    public static IReadOnlyList<ImportFile> Demo() =>
        [.. Directory.GetFiles(DemoData.Directory, "*.csv").Order(StringComparer.Ordinal)
            .Select(path => new ImportFile(Path.GetFileName(path), new MemoryStream(System.IO.File.ReadAllBytes(path))))];

    /// <summary>Data rows of a CSV file: records, not physical lines (quoted fields may span lines).</summary>
    public static int DemoRowCount(string file)
    {
        var text = System.IO.File.ReadAllText(Path.Combine(DemoData.Directory, file));
        var records = 0;
        var inQuotes = false;
        var lineHasContent = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            if (c == '\n' && !inQuotes)
            {
                records += lineHasContent ? 1 : 0;
                lineHasContent = false;
            }
            else if (c != '\r')
            {
                lineHasContent = true;
            }
        }
        records += lineHasContent ? 1 : 0;
        return records - 1;
    }
}

using MinerPivot.Core.Import;

namespace MinerPivot.Web.Tests.Import;

/// <summary>The repository's demo dataset (data/demo, copied beside the app's binaries by the build) and files in memory.</summary>
internal static class DemoFiles
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "demo-data");

    public static List<ImportFile> All() => FromDirectory(Directory);

    public static List<ImportFile> FromDirectory(string directory) =>
        [.. ImportFormat.FileNames.Select(name => new ImportFile(name, new MemoryStream(System.IO.File.ReadAllBytes(Path.Combine(directory, name)))))];

    public static ImportFile File(string name, string content) => new(name, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)));

    public static string Text(string name) => System.IO.File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>The records of a demo file, header excluded, counted with quotes in mind (a quoted field may span lines).</summary>
    public static int RowCount(string name)
    {
        var records = 0;
        var inQuotes = false;
        var hasContent = false;
        foreach (var c in Text(name))
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            if (c == '\n' && !inQuotes)
            {
                records += hasContent ? 1 : 0;
                hasContent = false;
            }
            else if (c != '\r')
            {
                hasContent = true;
            }
        }
        return records + (hasContent ? 1 : 0) - 1;
    }
}

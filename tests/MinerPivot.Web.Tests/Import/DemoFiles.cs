using MinerPivot.Core.Import;

namespace MinerPivot.Web.Tests.Import;

/// <summary>The shared demo dataset (MINERPIVOT_SHARED_DIR, or shared/data/demo above the test run) and files in memory.</summary>
internal static class DemoFiles
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("MINERPIVOT_SHARED_DIR") is { Length: > 0 } shared)
        {
            return Path.Combine(Path.GetFullPath(shared), "data", "demo");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "demo");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"No shared/data/demo above {AppContext.BaseDirectory}; set MINERPIVOT_SHARED_DIR.");
    }

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

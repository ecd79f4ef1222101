namespace MinerPivot.Core.Tests.Import;

/// <summary>Finds the shared folder (design, demo data): MINERPIVOT_SHARED_DIR, or a folder above the test run with shared/data/demo.</summary>
public static class SharedData
{
    public static string DemoDirectory => Path.Combine(Root, "data", "demo");

    public static string Root { get; } = Locate();

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("MINERPIVOT_SHARED_DIR") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data", "demo")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"No shared/data/demo folder above {AppContext.BaseDirectory}; set MINERPIVOT_SHARED_DIR to the shared folder.");
    }
}

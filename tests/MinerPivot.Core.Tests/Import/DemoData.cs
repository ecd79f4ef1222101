namespace MinerPivot.Core.Tests.Import;

/// <summary>The repository's demo dataset (data/demo), copied beside the test binaries by the build.</summary>
public static class DemoData
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "demo-data");
}

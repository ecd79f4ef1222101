namespace MinerPivot.Core.Tests.Import;

public class BundledDemoDataTests
{
    /// <summary>
    /// data/demo is the copy a Docker image or a clone without ../shared seeds from; it must not drift from the
    /// canonical dataset.
    /// </summary>
    [Fact]
    public void The_repository_copy_of_the_demo_data_matches_the_shared_dataset()
    {
        var bundled = Path.Combine(RepositoryRoot(), "data", "demo");
        var canonical = SharedData.DemoDirectory;
        var names = Directory.GetFiles(canonical).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(names, Directory.GetFiles(bundled).Select(Path.GetFileName).Order().ToList());
        foreach (var name in names)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(canonical, name!)).SequenceEqual(File.ReadAllBytes(Path.Combine(bundled, name!))),
                $"data/demo/{name} differs from {canonical}/{name}: copy it again.");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MinerPivot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("MinerPivot.sln not found above " + AppContext.BaseDirectory);
    }
}

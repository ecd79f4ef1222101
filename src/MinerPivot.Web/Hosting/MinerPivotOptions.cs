namespace MinerPivot.Web.Hosting;

/// <summary>The "MinerPivot" configuration section.</summary>
public sealed class MinerPivotOptions
{
    public const string Section = "MinerPivot";

    /// <summary>Where the embedded PostgreSQL keeps its cluster when no connection string is configured.</summary>
    public string? DataDir { get; set; }
    /// <summary>Folder of initdb/pg_ctl; found automatically when empty.</summary>
    public string? PostgresBinDir { get; set; }
    public bool SeedDemoData { get; set; } = true;
    /// <summary>Folder of the demo CSV files; found automatically when empty.</summary>
    public string? DemoDataDir { get; set; }
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }

    public string ResolveDataDir()
    {
        if (!string.IsNullOrWhiteSpace(DataDir))
        {
            return Path.GetFullPath(DataDir);
        }
        // As root the cluster runs as 'postgres', which cannot enter /root: keep it where services keep state.
        if (Environment.UserName == "root")
        {
            return "/var/lib/minerpivot";
        }
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "MinerPivot");
    }
}

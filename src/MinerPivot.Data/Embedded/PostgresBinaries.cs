namespace MinerPivot.Data.Embedded;

/// <summary>Finds initdb/pg_ctl/postgres: MINERPIVOT_PG_BIN, then Debian's /usr/lib/postgresql/N/bin (newest), then PATH.</summary>
public static class PostgresBinaries
{
    public const string InstallHint =
        "MinerPivot needs PostgreSQL's server programs (initdb, pg_ctl, postgres) to run its embedded database. " +
        "Install them (Debian/Ubuntu: `sudo apt-get install postgresql`; Fedora: `sudo dnf install postgresql-server`; " +
        "macOS: `brew install postgresql`), set MINERPIVOT_PG_BIN to their folder, " +
        "or set ConnectionStrings:MinerPivot to use an existing server.";

    /// <param name="configured">MinerPivot:PostgresBinDir, tried first.</param>
    /// <param name="searchDefaults">false to try only <paramref name="configured"/>.</param>
    public static string Locate(string? configured = null, bool searchDefaults = true)
    {
        var candidates = searchDefaults ? Candidates(configured) : [configured ?? ""];
        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "pg_ctl")) && File.Exists(Path.Combine(candidate, "initdb")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(InstallHint);
    }

    private static IEnumerable<string> Candidates(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return configured;
        }
        if (Environment.GetEnvironmentVariable("MINERPIVOT_PG_BIN") is { Length: > 0 } fromEnv)
        {
            yield return fromEnv;
        }
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versions = Directory.GetDirectories(debianRoot)
                .Select(d => (dir: d, version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .OrderByDescending(x => x.version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }
    }
}

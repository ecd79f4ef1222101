using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace MinerPivot.Bench;

/// <summary>The real web app on Kestrel on a free loopback port, on the benchmark's database, logging warnings only.</summary>
internal sealed class BenchHost(string connectionString, string logDirectory) : WebApplicationFactory<Program>
{
    public const string AdminEmail = "bench-admin@minerpivot.local";
    public const string AdminPassword = "Bench-Admin-Pass-1!";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        // Outside Development the package assets are only found through the static web assets manifest.
        builder.UseStaticWebAssets();
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MinerPivot"] = connectionString,
            ["MinerPivot:SeedDemoData"] = "false",
            ["MinerPivot:AdminEmail"] = AdminEmail,
            ["MinerPivot:AdminPassword"] = AdminPassword,
            ["MinerPivot:LogDir"] = logDirectory,
            // The import would set the alert engine re-evaluating the whole universe in the background while the
            // signposts are timed; it has a benchmark of its own (bench/README-alerts.md).
            ["Alerts:ListenForChanges"] = "false",
            // A line per request would be measured too, and would bury the figures.
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Logging:LogLevel:Default"] = "Warning",
            // Keys kept unencrypted in the database are the app's documented choice; the warning says nothing here.
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection"] = "Error",
        }));
    }

    /// <summary>Starts the app (which migrates the database and creates the admin) and returns its address.</summary>
    public Uri Start()
    {
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current directory,
        // which `dotnet run` leaves at the repository.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }
}

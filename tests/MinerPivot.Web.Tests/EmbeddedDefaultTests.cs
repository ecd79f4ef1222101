using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Hosting;

namespace MinerPivot.Web.Tests;

/// <summary>The app with no connection string: its own PostgreSQL in MinerPivot:DataDir, demo data seeded once.</summary>
public sealed class EmbeddedDefaultTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"mp-default-{Guid.NewGuid():N}"[..28]);

    [Fact]
    public async Task Without_a_connection_string_the_app_runs_its_own_database_seeds_it_once_and_stops_it()
    {
        int port;
        await using (var app = new EmbeddedDefaultApp(_dataDir))
        {
            port = await ServeAndCountCompaniesAsync(app, expected: 12);
        }
        // The test host does not wait for the app's shutdown to finish; give pg_ctl stop its few seconds.
        Assert.True(await StopsAcceptingWithinAsync(port, TimeSpan.FromSeconds(20)), "the embedded server should stop with the app");

        // A second start on the same folder keeps the data and does not seed it again.
        await using (var again = new EmbeddedDefaultApp(_dataDir))
        {
            await ServeAndCountCompaniesAsync(again, expected: 12);
            await using var db = await again.Services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContextAsync();
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "import"));
        }
    }

    private static async Task<int> ServeAndCountCompaniesAsync(EmbeddedDefaultApp app, int expected)
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var admin = await app.BearerClientAsync(MinerPivotApp.AdminEmail, MinerPivotApp.AdminPassword);
        var companies = await admin.GetFromJsonAsync<JsonElement>("/api/v1/companies");
        Assert.Equal(expected, companies.GetArrayLength());
        var server = app.Services.GetServices<IHostedService>().OfType<EmbeddedDatabaseService>().Single().Server;
        Assert.NotNull(server);
        Assert.StartsWith(app.DataDir, server.DataDirectory);
        return server.Port;
    }

    private static async Task<bool> StopsAcceptingWithinAsync(int port, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (await AcceptsConnectionsAsync(port))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class EmbeddedDefaultApp : MinerPivotDemoApp
    {
        public EmbeddedDefaultApp(string dataDir)
        {
            DataDir = dataDir;
            ConnectionString = "";
        }

        public string DataDir { get; }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MinerPivot:DataDir"] = DataDir,
            }));
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MinerPivot.TestSupport;
using static MinerPivot.Web.Tests.Faults.FaultSupport;

namespace MinerPivot.Web.Tests.Faults;

/// <summary>Starting and stopping the app on its embedded default when something else is in the way.</summary>
public sealed class EmbeddedLifecycleTests
{
    [Fact]
    public async Task When_the_port_is_taken_the_app_exits_non_zero_and_stops_the_database_it_started()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var dataDir = AppProcess.NewTempFolder("mp-port-taken");
        try
        {
            // Configured endpoints win over the harness's --urls.
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(new AppProcessOptions
            {
                DataDir = dataDir,
                Arguments = [$"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{port}"],
            }));
            Assert.Matches(@"exited with code [1-9]\d*", error.Message);
            Assert.Contains("address already in use", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Starting embedded PostgreSQL", error.Message);
            Assert.Null(AppProcess.EmbeddedPostgresPid(dataDir));
        }
        finally
        {
            if (AppProcess.EmbeddedPostgresPid(dataDir) is { } orphan)
            {
                System.Diagnostics.Process.GetProcessById(orphan).Kill();
            }
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_app_on_the_same_data_folder_is_refused_and_the_first_keeps_serving()
    {
        await using var first = await AppProcess.StartAsync();
        var postgresPid = first.EmbeddedPostgresPid();
        Assert.NotNull(postgresPid);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(new AppProcessOptions { DataDir = first.DataDir }));
        Assert.Matches(@"exited with code [1-9]\d*", error.Message);
        Assert.Contains($"The data folder {first.DataDir} is in use by another MinerPivot process (pid {first.ProcessId}). " +
            "Stop it, or start this one with another --MinerPivot:DataDir.", error.Message);

        Assert.Equal(postgresPid, first.EmbeddedPostgresPid());
        using var http = await BearerClientAsync(first);
        Assert.Equal(12, (await http.GetFromJsonAsync<JsonElement>("/api/v1/companies")).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.DoesNotContain("still uses", first.Output);
    }

    [Fact]
    public async Task A_data_folder_left_by_a_killed_app_is_taken_over()
    {
        var dataDir = AppProcess.NewTempFolder("mp-takeover");
        try
        {
            await using (var crashed = await AppProcess.StartAsync(new AppProcessOptions { DataDir = dataDir, AdminPassword = Password }))
            {
                await crashed.KillAsync();
            }
            var orphan = AppProcess.EmbeddedPostgresPid(dataDir);
            Assert.NotNull(orphan);
            await using var next = await AppProcess.StartAsync(new AppProcessOptions { DataDir = dataDir, AdminPassword = Password });
            Assert.Contains($"(pid {orphan}) still uses", next.Output);
            using var http = await BearerClientAsync(next);
            Assert.Equal(12, (await http.GetFromJsonAsync<JsonElement>("/api/v1/companies")).GetArrayLength());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private const string Password = "Fault-Test-Passw0rd!";
}

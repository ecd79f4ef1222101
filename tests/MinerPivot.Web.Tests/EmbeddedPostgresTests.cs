using System.Diagnostics;
using MinerPivot.Data.Embedded;
using Npgsql;

namespace MinerPivot.Web.Tests;

public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"mp-embedded-{Guid.NewGuid():N}"[..30]);

    [Fact]
    public async Task It_creates_a_cluster_serves_queries_and_stops_on_dispose()
    {
        int port;
        await using (var pg = await EmbeddedPostgres.StartAsync(_root))
        {
            port = pg.Port;
            Assert.True(await ServerVersionNumAsync(pg.ConnectionString) >= 130000);
            Assert.True(File.Exists(Path.Combine(pg.DataDirectory, "postmaster.pid")));
        }
        Assert.False(await AcceptsConnectionsAsync(port));
    }

    [Fact]
    public async Task It_starts_again_on_the_same_folder_and_keeps_the_data()
    {
        await using (var pg = await EmbeddedPostgres.StartAsync(_root))
        {
            await ExecuteAsync(pg.ConnectionString, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42);");
        }
        await using (var again = await EmbeddedPostgres.StartAsync(_root))
        {
            Assert.Equal(42, await ScalarAsync<int>(again.ConnectionString, "SELECT v FROM kept"));
        }
    }

    [Fact]
    public async Task It_recovers_from_a_stale_pid_file_left_by_an_unclean_stop()
    {
        string dataDirectory;
        await using (var pg = await EmbeddedPostgres.StartAsync(_root))
        {
            dataDirectory = pg.DataDirectory;
        }
        // An unclean stop leaves postmaster.pid behind; here it names a live process that is not PostgreSQL.
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, $"{Environment.ProcessId}\n{dataDirectory}\n1700000000\n5432\n\n127.0.0.1\n  5432001  0\nready   \n");

        await using var restarted = await EmbeddedPostgres.StartAsync(_root);
        Assert.Equal(1, await ScalarAsync<int>(restarted.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task It_stops_a_server_left_running_by_a_crashed_app_and_takes_over()
    {
        var first = await EmbeddedPostgres.StartAsync(_root);
        var orphanPort = first.Port;
        // The app "crashes": nobody calls Stop, the server keeps running.
        await using var second = await EmbeddedPostgres.StartAsync(_root);
        Assert.NotEqual(orphanPort, second.Port);
        Assert.Equal(1, await ScalarAsync<int>(second.ConnectionString, "SELECT 1"));
        Assert.False(await AcceptsConnectionsAsync(orphanPort));
    }

    [Fact]
    public void Without_the_server_programs_it_says_what_to_install()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaries.Locate("/nonexistent/bin", searchDefaults: false));
        Assert.Contains("apt-get install postgresql", error.Message);
        Assert.Contains("ConnectionStrings:MinerPivot", error.Message);
    }

    private static async Task<int> ServerVersionNumAsync(string cs) => await ScalarAsync<int>(cs, "SELECT current_setting('server_version_num')::int");

    private static async Task ExecuteAsync(string cs, string sql)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return (T)(await cmd.ExecuteScalarAsync())!;
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
        NpgsqlConnection.ClearAllPools();
        var pidFile = Path.Combine(_root, "pgdata", "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid))
        {
            try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

using Xunit;
using Microsoft.EntityFrameworkCore;
using MinerPivot.Data;
using MinerPivot.Data.Embedded;
using Npgsql;

namespace MinerPivot.TestSupport;

/// <summary>
/// One PostgreSQL per test run: the server named by MINERPIVOT_TEST_PG (a connection string, as on GitHub Actions),
/// else a throwaway embedded cluster in a temp folder, removed when the test process exits.
/// Every caller gets its own freshly migrated database on it.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "MINERPIVOT_TEST_PG";

    private static readonly Lazy<Task<string>> Server = new(StartServerAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static EmbeddedPostgres? _embedded;
    private static string? _embeddedRoot;

    /// <summary>A connection string to the maintenance database of the shared test server.</summary>
    public static Task<string> ServerConnectionStringAsync() => Server.Value;

    private static async Task<string> StartServerAsync()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured)
        {
            return configured;
        }
        _embeddedRoot = Path.Combine(Path.GetTempPath(), $"minerpivot-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        _embedded = await EmbeddedPostgres.StartAsync(_embeddedRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopEmbedded();
        return _embedded.ConnectionString;
    }

    private static void StopEmbedded()
    {
        if (_embedded is null)
        {
            return;
        }
        _embedded.StopAsync().GetAwaiter().GetResult();
        try
        {
            Directory.Delete(_embeddedRoot!, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next run uses a new one.
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string prefix = "t")
    {
        var server = await ServerConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Creates a database and applies every migration.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(string prefix = "t")
    {
        var connectionString = await CreateEmptyDatabaseAsync(prefix);
        await using var db = CreateContext(connectionString);
        await db.ApplyMigrationsAsync();
        return connectionString;
    }

    public static MinerPivotDbContext CreateContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<MinerPivotDbContext>();
        options.UseMinerPivotPostgres(connectionString);
        return new MinerPivotDbContext(options.Options);
    }
}

/// <summary>A class fixture: one migrated database for the test class.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public MinerPivotDbContext CreateContext() => TestPostgres.CreateContext(ConnectionString);

    public async Task InitializeAsync() => ConnectionString = await TestPostgres.CreateMigratedDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

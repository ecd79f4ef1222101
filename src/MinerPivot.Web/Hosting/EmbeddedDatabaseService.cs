using Microsoft.Extensions.Options;
using MinerPivot.Data.Embedded;
using Npgsql;

namespace MinerPivot.Web.Hosting;

/// <summary>Runs the embedded PostgreSQL for the app's lifetime when no connection string is configured.</summary>
public sealed class EmbeddedDatabaseService(
    DatabaseEndpoint endpoint,
    IOptions<MinerPivotOptions> options,
    ILogger<EmbeddedDatabaseService> logger) : IHostedService
{
    public const string DatabaseName = "minerpivot";
    private EmbeddedPostgres? _server;

    /// <summary>The running embedded server, or null when a connection string is configured.</summary>
    public EmbeddedPostgres? Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (endpoint.IsConfigured)
        {
            return;
        }
        var dataDir = options.Value.ResolveDataDir();
        var binDir = PostgresBinaries.Locate(options.Value.PostgresBinDir);
        _server = await EmbeddedPostgres.StartAsync(dataDir, binDir, logger, cancellationToken);
        await EnsureDatabaseAsync(_server, cancellationToken);
        endpoint.Set(_server.ConnectionStringFor(DatabaseName));
        logger.LogInformation("Embedded PostgreSQL is serving database {Database} on 127.0.0.1:{Port} (data in {DataDir})",
            DatabaseName, _server.Port, dataDir);
    }

    private static async Task EnsureDatabaseAsync(EmbeddedPostgres server, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", DatabaseName);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(CancellationToken.None);
        }
    }
}

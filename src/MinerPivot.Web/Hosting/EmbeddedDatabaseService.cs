using Microsoft.Extensions.Options;
using MinerPivot.Data.Embedded;
using Npgsql;

namespace MinerPivot.Web.Hosting;

/// <summary>
/// Runs the embedded PostgreSQL for the app's lifetime when no connection string is configured: holds the data folder's
/// lock, supervises the server (a server that died is started again on the same port, with back-off) and stops it
/// when the app stops, or when the app fails to start after it (the host then only disposes its services).
/// </summary>
public sealed class EmbeddedDatabaseService(
    DatabaseEndpoint endpoint,
    IOptions<MinerPivotOptions> options,
    IOptions<DatabaseResilienceOptions> resilience,
    TimeProvider time,
    ILogger<EmbeddedDatabaseService> logger) : IHostedLifecycleService, IAsyncDisposable
{
    public const string DatabaseName = "minerpivot";
    private EmbeddedPostgres? _server;
    private DataFolderLock? _lock;
    private readonly CancellationTokenSource _stopping = new();
    private Task _supervision = Task.CompletedTask;
    private Task? _shutdown;

    /// <summary>The running embedded server, or null when a connection string is configured.</summary>
    public EmbeddedPostgres? Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (endpoint.IsConfigured)
        {
            return;
        }
        var dataDir = options.Value.ResolveDataDir();
        // Before anything touches the cluster: a second app must not stop the first one's server.
        _lock = DataFolderLock.Acquire(dataDir);
        var binDir = PostgresBinaries.Locate(options.Value.PostgresBinDir);
        _server = await EmbeddedPostgres.StartAsync(dataDir, binDir, logger, cancellationToken);
        await EnsureDatabaseAsync(_server, cancellationToken);
        endpoint.Set(_server.ConnectionStringFor(DatabaseName));
        logger.LogInformation("Embedded PostgreSQL is serving database {Database} on 127.0.0.1:{Port} (data in {DataDir})",
            DatabaseName, _server.Port, dataDir);
        _supervision = SuperviseAsync(_server, _stopping.Token);
    }

    private async Task SuperviseAsync(EmbeddedPostgres server, CancellationToken ct)
    {
        var settings = resilience.Value;
        using var timer = new PeriodicTimer(settings.SuperviseInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (server.IsRunning)
                {
                    continue;
                }
                logger.LogWarning("The embedded PostgreSQL in {DataDirectory} is not running; restarting it on 127.0.0.1:{Port}",
                    server.DataDirectory, server.Port);
                for (var failures = 0; ; failures++)
                {
                    try
                    {
                        await server.RestartAsync(ct);
                        // Pooled connections to the dead server are broken: drop them rather than fail a request each.
                        NpgsqlConnection.ClearAllPools();
                        logger.LogInformation("Embedded PostgreSQL is running again on 127.0.0.1:{Port} (after {Failures} failed attempts)",
                            server.Port, failures);
                        break;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        var delay = DatabaseResilienceOptions.Backoff(settings.RestartBaseDelay, settings.RestartMaxDelay, failures + 1);
                        logger.LogWarning(e, "Restarting the embedded PostgreSQL failed; trying again in {Delay} s", delay.TotalSeconds);
                        await Task.Delay(delay, time, ct);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
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

    /// <summary>
    /// The server's stop starts as soon as the host begins to stop, before the application-stopping callbacks: SignalR's
    /// closing of open circuits waits (up to 5 s) for busy circuits, and the server's checkpoint overlaps that wait.
    /// </summary>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _shutdown ??= ShutDownAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _shutdown ??= ShutDownAsync();

    public async ValueTask DisposeAsync() => await (_shutdown ??= ShutDownAsync());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ShutDownAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }
        await _supervision;
        if (_server is not null)
        {
            await _server.StopAsync(CancellationToken.None);
        }
        _lock?.Dispose();
        _lock = null;
    }
}

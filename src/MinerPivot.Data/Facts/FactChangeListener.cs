using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MinerPivot.Data.Facts;

/// <summary>
/// LISTENs on <see cref="FactChanges.Channel"/> over a connection of its own and reports each notification to
/// <see cref="FactChanges"/>. When the connection is lost (the database restarted, the connection was killed) caching
/// stops until it is back, and the cache is dropped on reconnecting, since changes made meanwhile were not heard.
/// </summary>
public sealed class FactChangeListener(
    IServiceProvider services,
    FactChanges changes,
    IOptionsMonitor<FactStoreOptions> options,
    ILogger<FactChangeListener> logger) : BackgroundService
{
    /// <summary>The listening connection's application_name, followed by "-" and the process id.</summary>
    public const string ApplicationName = "minerpivot-fact-listener";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var everConnected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (connectionString, model) = ConnectionAndModel();
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => changes.Notified(e.Payload, model);
                await using (var listen = new NpgsqlCommand($"LISTEN {FactChanges.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                changes.Connected();
                if (everConnected)
                {
                    logger.LogInformation("Listening for data changes again; cached facts were dropped");
                }
                everConnected = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                changes.Disconnected();
                var delay = options.CurrentValue.ReconnectDelay;
                logger.LogWarning(e, "Lost the connection that listens for data changes; facts are read without the cache until it is back (reconnecting in {Delay} s)",
                    delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
            }
            finally
            {
                if (stoppingToken.IsCancellationRequested) changes.Disconnected();
            }
        }
    }

    private (string ConnectionString, FactModel Model) ConnectionAndModel()
    {
        // Resolved when the service runs, not when hosted services are built: an embedded database starts in between,
        // and the DbContext options need its connection string.
        using var db = services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContext();
        // Its own unpooled connection: LISTEN state must not leak into the pool. Keepalive detects a dead server.
        var connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
        {
            ApplicationName = $"{ApplicationName}-{Environment.ProcessId}",
            Pooling = false,
            KeepAlive = 30,
        }.ConnectionString;
        return (connectionString, FactModel.Of(db.Model));
    }
}

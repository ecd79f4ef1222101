using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinerPivot.Data;
using Npgsql;

namespace MinerPivot.Web.Features.Alerts;

/// <summary>
/// Runs the <see cref="AlertEvaluator"/> once at start-up, daily at Alerts:DailyAtUtc, and after every data change:
/// statement triggers on the fact tables NOTIFY minerpivot_data_changed, whoever wrote (forms, imports, SQL). A
/// dedicated connection LISTENs (reconnecting after a failure, then evaluating once in case a change was missed);
/// bursts are debounced into one evaluation.
/// </summary>
public sealed class AlertTriggers(
    IServiceProvider services,
    IOptionsMonitor<AlertsOptions> options,
    TimeProvider time,
    ILogger<AlertTriggers> logger) : BackgroundService
{
    public const string Channel = "minerpivot_data_changed";
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(5);

    private readonly Channel<string> _requests = System.Threading.Channels.Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Resolved when the service runs, not when hosted services are built: the embedded database starts in between,
    // and the DbContext options need its connection string.
    private AlertEvaluator Evaluator => services.GetRequiredService<AlertEvaluator>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _requests.Writer.TryWrite("start-up");
        var tasks = new List<Task> { RunEvaluationsAsync(stoppingToken), RunDailyAsync(stoppingToken) };
        if (options.CurrentValue.ListenForChanges)
        {
            tasks.Add(ListenAsync(stoppingToken));
        }
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The one consumer: evaluations never overlap here, and a burst of requests becomes one run.</summary>
    private async Task RunEvaluationsAsync(CancellationToken ct)
    {
        await foreach (var trigger in _requests.Reader.ReadAllAsync(ct))
        {
            if (trigger == "data change" && options.CurrentValue.DebounceMilliseconds > 0)
            {
                // Let the burst finish; requests arriving meanwhile are dropped (the run below sees their data).
                await Task.Delay(options.CurrentValue.DebounceMilliseconds, ct);
                _requests.Reader.TryRead(out _);
            }
            try
            {
                await Evaluator.EvaluateAsync(trigger, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Alert evaluation ({Trigger}) failed; the next change or the daily run tries again", trigger);
            }
        }
    }

    private async Task RunDailyAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = NextDailyRun(now, options.CurrentValue.DailyTime);
            await Task.Delay(next - now, time, ct);
            await _requests.Writer.WriteAsync("daily", ct);
        }
    }

    /// <summary>The first instant strictly after <paramref name="now"/> at <paramref name="at"/> UTC.</summary>
    public static DateTimeOffset NextDailyRun(DateTimeOffset now, TimeOnly at)
    {
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(DateOnly.FromDateTime(utc.UtcDateTime).ToDateTime(at), TimeSpan.Zero);
        return today > utc ? today : today.AddDays(1);
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var firstConnection = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ListenConnectionString());
                await connection.OpenAsync(ct);
                connection.Notification += (_, _) => _requests.Writer.TryWrite("data change");
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }
                if (!firstConnection)
                {
                    logger.LogInformation("Listening for data changes again");
                    _requests.Writer.TryWrite("data change");
                }
                firstConnection = false;
                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Lost the connection that listens for data changes; reconnecting in {Delay} s", ReconnectDelay.TotalSeconds);
                await Task.Delay(ReconnectDelay, ct);
            }
        }
    }

    private string ListenConnectionString()
    {
        using var db = services.GetRequiredService<IDbContextFactory<MinerPivotDbContext>>().CreateDbContext();
        // Its own unpooled connection: LISTEN state must not leak into the pool. Keepalive detects a dead server.
        return new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
        {
            ApplicationName = "minerpivot-alerts-listener",
            Pooling = false,
            KeepAlive = 30,
        }.ConnectionString;
    }
}
